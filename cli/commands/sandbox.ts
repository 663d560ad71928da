import type { Command } from 'commander';
import { DRIFT_SCENARIOS, sandboxOrganization, startSandbox } from '../../audits/sandbox';
import { SnapshotError } from '../../audits/snapshot';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';

interface SandboxFlags extends DirOptions {
  snapshot?: string;
  fromDeclaration?: boolean;
  drift: string[];
  port: number;
  latencyMs: number;
  tps?: number;
  failAccounts: string[];
  errorRate: number;
  pageSize: number;
}

const nonNegative = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`${name} must be a number >= 0, got '${v}'`);
  return n;
};

export function register(program: Command): void {
  withDir(program.command('sandbox'))
    .description('serve the AWS APIs the audit reads on 127.0.0.1 (set AWS_ENDPOINT_URL to the printed endpoint); stops on Ctrl-C')
    .option('--snapshot <file>', 'serve the organization recorded in a snapshot')
    .option('--from-declaration', 'serve the declaration as if deployed perfectly (the default)')
    .option('--drift <name>', `apply a drift scenario (repeatable): ${[...DRIFT_SCENARIOS.keys()].join(', ')}`, (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--port <n>', 'port to listen on (0: any free port)', nonNegative('--port'), 0)
    .option('--latency-ms <n>', 'added to every answer', nonNegative('--latency-ms'), 0)
    .option('--tps <n>', 'calls per second per operation before answering as AWS throttles', nonNegative('--tps'))
    .option('--fail-accounts <ids>', 'deny AssumeRole into these account ids (comma separated)', (v: string, all: string[]) => [...all, ...v.split(',').map((s) => s.trim()).filter(Boolean)], [] as string[])
    .option('--error-rate <r>', 'share of calls answered with HTTP 500 (0..1)', nonNegative('--error-rate'), 0)
    .option('--page-size <n>', 'items per page of every list', nonNegative('--page-size'), 3)
    .action(async (opts: SandboxFlags) => {
      if (opts.snapshot && opts.fromDeclaration) throw new CliError('use either --snapshot or --from-declaration, not both');
      for (const d of opts.drift) {
        if (!DRIFT_SCENARIOS.has(d)) throw new CliError(`unknown drift scenario '${d}'; known: ${[...DRIFT_SCENARIOS.keys()].join(', ')}`);
      }
      let snapshot;
      try {
        snapshot = sandboxOrganization(opts.snapshot ? { snapshotFile: opts.snapshot } : { lz: loadDeclaration(opts.dir) }, opts.drift);
      } catch (e) {
        if (e instanceof SnapshotError) throw new CliError(e.message);
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot apply the drift scenarios: ${(e as Error).message}`);
      }
      const unknown = opts.failAccounts.filter((id) => !snapshot.accounts.some((a) => a.id === id));
      if (unknown.length) throw new CliError(`--fail-accounts names ${unknown.join(', ')}, which the sandbox organization does not hold`);
      const sandbox = await startSandbox({
        snapshot, port: opts.port, latencyMs: opts.latencyMs, tps: opts.tps, failAccounts: opts.failAccounts,
        errorRate: opts.errorRate, pageSize: Math.max(1, opts.pageSize),
      }).catch((e: Error) => { throw new CliError(`cannot listen on 127.0.0.1:${opts.port}: ${e.message}`); });
      process.stdout.write(`AWS_ENDPOINT_URL=${sandbox.endpoint}\n`);
      process.stderr.write(`sandbox: organization ${snapshot.organization.id}, ${snapshot.accounts.length} accounts${opts.drift.length ? `, drift: ${opts.drift.join(', ')}` : ''}; Ctrl-C stops it\n`);
      await new Promise<void>((resolve) => {
        const stop = () => { sandbox.stop().then(resolve, resolve); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
