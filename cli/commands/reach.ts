import type { Command } from 'commander';
import { reach, UnknownAccountError, type ReachResult } from '../../model/network';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';

/** `lzkit reach`: whether traffic can flow between two accounts' spoke VPCs, from the declaration. */
export function register(program: Command): void {
  withDir(program.command('reach'))
    .description('can traffic flow from one account\'s spoke VPC to another\'s? answered from network.yaml (the route tables the network stack deploys)')
    .requiredOption('--from <account>', 'source account name')
    .requiredOption('--to <account>', 'destination account name')
    .option('--json', 'print { reachable, path, returnPath, reason } as JSON')
    .action((opts: DirOptions & { from: string; to: string; json?: boolean }) => {
      if (opts.from === opts.to) throw new CliError(`--from and --to both name '${opts.from}'; name two different accounts (traffic inside one VPC never leaves it)`, 2);
      const lz = loadDeclaration(opts.dir);
      if (!lz.network) throw new CliError(`the declaration in ${opts.dir} has no accounts/network.yaml, so there is no route to trace; declare the network first (docs/network.md)`, 2);
      let r: ReachResult;
      try {
        r = reach(lz, opts.from, opts.to);
      } catch (err) {
        if (err instanceof UnknownAccountError) throw new CliError(err.message, 2);
        throw err;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ reachable: r.reachable, path: r.path, returnPath: r.returnPath, reason: r.reason }, null, 2)}\n`);
      } else {
        process.stdout.write(`${r.reachable ? 'reachable' : 'NOT reachable'}: ${r.from} -> ${r.to}\n`);
        if (r.path.length) process.stdout.write(`  path:   ${r.path.join(' -> ')}\n`);
        if (r.returnPath.length) process.stdout.write(`  return: ${r.returnPath.join(' -> ')}\n`);
        process.stdout.write(`  ${r.reason}\n`);
      }
    });
}
