import * as path from 'path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../model';
import type { LoadedSide } from '../../diff/sides';
import { withDir, type DirOptions } from '../common';
import { CliError } from '../errors';
import { checkFileTarget, writeOutputFile } from '../output';

interface DiffOptions extends DirOptions {
  base: string;
  head?: string;
  format: string;
  output?: string;
  failOn?: string;
}

const FORMATS = ['table', 'markdown', 'json', 'sarif'];
const FAIL_ON = ['widened', 'any'];

export function register(program: Command): void {
  withDir(program.command('diff'))
    .description('what a change to the declaration does to the organization: guardrail decisions, accounts and OUs, access, network, Terraform resources')
    .requiredOption('--base <ref|dir>', 'the declaration before: a git revision of the repository holding --dir (read with git, nothing checked out), or a folder')
    .option('--head <ref|dir>', 'the declaration after (default: the folder --dir, as it is on disk)')
    .option('--format <format>', FORMATS.join('|'), 'table')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <what>', 'exit 1 when a guardrail decision widens (widened) or when anything changes (any)')
    .action((opts: DiffOptions) => run(opts));
}

function run(opts: DiffOptions): void {
  if (!FORMATS.includes(opts.format)) throw new CliError(`--format takes ${FORMATS.join(', ')}, got '${opts.format}'`);
  if (opts.failOn !== undefined && !FAIL_ON.includes(opts.failOn)) throw new CliError(`--fail-on takes ${FAIL_ON.join(' or ')}, got '${opts.failOn}'`);
  if (opts.output) checkFileTarget('--output', opts.output);
  // The engine, cdktf and the simulator load only when a diff runs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadSide, InvalidSideError } = require('../../diff/sides') as typeof import('../../diff/sides');
  const { DiffInputError } = require('../../diff/git') as typeof import('../../diff/git');
  const { diffDeclarations } = require('../../diff') as typeof import('../../diff');
  const { renderDiff } = require('../../diff/format') as typeof import('../../diff/format');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const sides: LoadedSide[] = [];
  try {
    try {
      sides.push(loadSide(opts.base, { flag: '--base', dir: opts.dir }));
      sides.push(loadSide(opts.head ?? opts.dir, { flag: '--head', dir: opts.dir }));
    } catch (e) {
      if (e instanceof DiffInputError) throw new CliError(e.message);
      if (e instanceof InvalidSideError) {
        throw new CliError([`${e.label} is not a valid declaration; fix it first (lzkit validate):`, ...e.diagnostics.map(formatDiagnostic)].join('\n'));
      }
      throw e;
    }
    const [base, head] = sides.map((s) => s.side);
    const report = diffDeclarations(base, head);
    const text = renderDiff(opts.format as 'table', report, base, head);
    if (opts.output) writeOutputFile('--output', path.resolve(opts.output), text);
    else process.stdout.write(text);
    const s = report.summary;
    for (const e of s.errors) process.stderr.write(`lzkit: error: ${e}\n`);
    const fails = s.errors.length > 0 || (opts.failOn === 'widened' && s.widened) || (opts.failOn === 'any' && s.changed);
    if (fails) process.exitCode = 1;
  } finally {
    for (const s of sides) s.dispose();
  }
}
