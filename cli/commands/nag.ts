import * as path from 'path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../model';
import type { NagReport, NagRunSettings } from '../../stacks/nag';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';

interface NagOptions extends DirOptions {
  json?: boolean;
  synthesized?: string;
}

export function register(program: Command): void {
  withDir(program.command('nag'))
    .description('run cdk-nag packs over a CloudFormation shadow of the synthesized stacks; exit 1 when an unacknowledged error remains')
    .option('--json', 'print { findings, notChecked } as JSON')
    .option('--synthesized <outdir>', 'check an existing cdktf.out instead of synthesizing in memory')
    .action((opts: NagOptions) => {
      const lz = loadDeclaration(opts.dir);
      // cdk-nag and aws-cdk-lib load only when nag runs, not on every lzkit command.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { baseRule, hasUnacknowledgedErrors, readSynthesized, runNag, synthesizeInMemory } = require('../../stacks/nag') as typeof import('../../stacks/nag');
      const stacks = opts.synthesized ? readOrFail(() => readSynthesized(path.resolve(opts.synthesized!))) : synthesizeInMemory(lz);
      const settings: NagRunSettings = lz.logging?.nag ?? {};
      const report = runNag({ ...settings, acknowledgements: [...(settings.acknowledgements ?? []), ...(lz.audit?.nag.acknowledgements ?? [])] }, stacks);
      // Acknowledgements naming no rule or no resource: the report could hide a real finding.
      if (report.errors.length) throw new CliError(report.errors.map(formatDiagnostic).join('\n'), 2);
      process.stdout.write(opts.json ? `${JSON.stringify(toJson(report), null, 2)}\n` : toText(report, baseRule));
      process.exitCode = hasUnacknowledgedErrors(report) ? 1 : 0;
    });
}

function readOrFail<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
}

function toJson(r: NagReport): unknown {
  return {
    packs: r.packs,
    findings: r.findings.map((f) => ({
      rule: f.rule, level: f.level, stack: f.stack, address: f.address, message: f.message,
      acknowledged: f.acknowledged, reason: f.reason ?? null, declaration: f.declaration ?? null,
    })),
    notChecked: r.notChecked,
  };
}

function toText(r: NagReport, baseRule: (rule: string) => string): string {
  // Full rule ids stay on one line (users grep and acknowledge them); the finding detail and the reason wrap.
  const table = new Table({
    head: ['level', 'rule', 'stack', 'address', 'status'], wordWrap: true, colWidths: [null, null, null, null, 48],
    // cli-table3 colours the header and borders; escape codes belong on a terminal only.
    ...(colour() ? {} : { style: { head: [], border: [] } }),
  });
  for (const f of r.findings) {
    const detail = f.rule.length > baseRule(f.rule).length ? ` ${f.rule.slice(baseRule(f.rule).length)}` : '';
    const status = f.acknowledged ? `acknowledged: ${f.reason}` : `OPEN${f.declaration ? ` (declared at ${f.declaration})` : ''}: ${f.message}`;
    table.push([levelText(f.level), baseRule(f.rule), f.stack, f.address, `${status}${detail}`]);
  }
  const open = r.findings.filter((f) => !f.acknowledged);
  const errors = open.filter((f) => f.level === 'error').length;
  const lines = [
    r.findings.length ? table.toString() : 'no findings',
    ...(r.notChecked.length ? [`not checked (${r.notChecked.length}; --json lists each address):`, ...notCheckedByReason(r)] : []),
    `${r.packs.join(', ')}: ${r.findings.length} finding(s), ${r.findings.length - open.length} acknowledged, ${errors} open error(s), ${open.length - errors} open warning(s), ${r.notChecked.length} resource(s) not checked`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One line per (stack, reason): the organization stack alone has dozens of unmapped resources. */
function notCheckedByReason(r: NagReport): string[] {
  const groups = new Map<string, string[]>();
  for (const n of r.notChecked) {
    const key = `${n.stack}: ${n.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), n.address]);
  }
  return [...groups].map(([key, addrs]) => `  ${key} (${addrs.length}: ${addrs.slice(0, 3).join(', ')}${addrs.length > 3 ? ', ...' : ''})`);
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org: present and not empty). */
function colour(): boolean {
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}

/**
 * The level in red or yellow on a terminal. lzkit decides this itself: the table library's own
 * detection reads TERM and CI variables and would print a terminal in CI without any colour.
 */
function levelText(level: string): string {
  if (!colour()) return level;
  const code = level === 'error' ? 31 : 33;
  return `\u001b[${code}m${level}\u001b[39m`;
}
