import type { Command } from 'commander';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';

interface PreflightOptions extends DirOptions {
  json?: boolean;
}

/** Runs preflight on a validated declaration (cdktf loads only here); exit 2 when synthesis itself fails. */
export async function preflight(dir: string): Promise<import('../../preflight').PreflightReport> {
  const lz = loadDeclaration(dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runPreflight } = require('../../preflight') as typeof import('../../preflight');
  try {
    return await runPreflight(lz);
  } catch (e) {
    const message = (e as Error).message;
    // cdktf checks the terraform version while synthesizing import blocks; say so in one line.
    if (/Could not determine version of terraform/.test(message)) {
      throw new CliError('preflight could not synthesize the stacks: cdktf needs terraform (>= 1.5) on PATH to synthesize import blocks; install it or put it on PATH', 2);
    }
    const first = message.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
    throw new CliError(`preflight could not synthesize or check the stacks: ${first}`, 2);
  }
}

export function register(program: Command): void {
  withDir(program.command('preflight'))
    .description('prove the landing zone deploys before cdktf deploy: apply simulation through the guardrails, AWS preconditions, terraform plan of each stack; exit 1 when it would not')
    .option('--json', 'print { ok, errors, warnings } as JSON')
    .action(async (opts: PreflightOptions) => {
      const report = await preflight(opts.dir);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { toJson, toText } = require('../../preflight') as typeof import('../../preflight');
      process.stdout.write(opts.json ? `${JSON.stringify(toJson(report), null, 2)}\n` : toText(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}
