import type { Command } from 'commander';
import type { CollectProgress } from '../../audits/collect';
import { declarationCommit, reportFormats, reporterFor } from '../../audits/report';
import { SnapshotError } from '../../audits/snapshot';
import type { AuditResult } from '../../audits/audit';
import { loadDeclaration, positiveInt, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';
import { checkFileTarget, writeOutputFile } from '../output';

interface AuditFlags extends DirOptions {
  snapshot?: string;
  saveSnapshot?: string;
  format: string;
  output?: string;
  concurrency?: number;
  maxAttempts?: number;
  retryMode?: string;
  progressEvery: number;
}

export function register(program: Command): void {
  withDir(program.command('audit'))
    .description('compare the live organization with the declaration; exit 0 no drift, 1 drift, 2 could not audit (or only part)')
    .option('--snapshot <file>', 'audit a saved snapshot offline instead of reading AWS')
    .option('--save-snapshot <file>', 'write the collected state to FILE (replay it with --snapshot or lzkit sandbox)')
    .option('--format <format>', `report format: ${reportFormats().join('|')}`, 'table')
    .option('--output <file>', 'write the report to FILE instead of stdout')
    .option('--concurrency <n>', 'accounts read at the same time (default 16)', positiveInt('--concurrency'))
    .option('--max-attempts <n>', 'attempts per AWS call, retries included (default 10)', positiveInt('--max-attempts'))
    .option('--retry-mode <mode>', 'the AWS SDK retry mode: standard|adaptive', 'standard')
    .option('--progress-every <seconds>', 'when stderr is not a terminal (CI): a progress line every N seconds', positiveInt('--progress-every'), 5)
    .action(async (opts: AuditFlags) => {
      const reporter = reporterFor(opts.format);
      if (!reporter) throw new CliError(`unknown --format '${opts.format}'; use one of ${reportFormats().join(', ')}`);
      if (opts.retryMode !== 'standard' && opts.retryMode !== 'adaptive') throw new CliError(`--retry-mode must be standard or adaptive, got '${opts.retryMode}'`);
      // Before reading AWS (minutes, at scale): a report that cannot be written is known now.
      if (opts.output) checkFileTarget('--output', opts.output);
      if (opts.saveSnapshot) checkFileTarget('--save-snapshot', opts.saveSnapshot);
      const lz = loadDeclaration(opts.dir);
      const progress = process.stderr.isTTY ? progressBar() : progressLines(opts.progressEvery * 1000);
      // The AWS SDK loads only when an audit runs, not on every lzkit command.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { AuditError, runAudit } = require('../../audits/audit') as typeof import('../../audits/audit');
      let result: AuditResult;
      const noted = new Set<string>();
      const onNote = (n: string): void => { if (!noted.has(n)) process.stderr.write(`note: ${n}\n`); noted.add(n); };
      try {
        result = await runAudit({
          lz, snapshotFile: opts.snapshot, saveSnapshot: opts.saveSnapshot, concurrency: opts.concurrency,
          maxAttempts: opts.maxAttempts, retryMode: opts.retryMode, onProgress: progress?.update, onNote,
        });
      } catch (e) {
        if (e instanceof SnapshotError || e instanceof AuditError) throw new CliError(e.message, 2);
        throw e;
      } finally {
        progress?.stop();
      }
      const text = reporter.render({ lz, snapshot: result.snapshot, findings: result.findings, generatedAt: new Date().toISOString(), declarationCommit: declarationCommit(opts.dir) });
      if (opts.output) writeOutputFile('--output', opts.output, text);
      else process.stdout.write(text);
      const unauditable = result.findings.filter((f) => f.category === 'unauditable').length;
      if (unauditable) process.stderr.write(`lzkit: audited only part of the organization: ${unauditable} unauditable finding(s)\n`);
      process.exitCode = result.exitCode;
    });
}

interface Progress {
  update: (p: CollectProgress) => void;
  stop: () => void;
}

/** accounts done / total and throttles seen, as a bar that redraws itself: on a terminal. */
function progressBar(): Progress {
  // Loaded only on a terminal: nothing to pay for in CI.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar({ format: 'auditing {bar} {value}/{total} accounts | {throttles} throttled', stream: process.stderr, clearOnComplete: true, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update: (p) => {
      if (!started) { bar.start(p.accountsTotal, p.accountsDone, { throttles: p.throttles }); started = true; }
      bar.setTotal(p.accountsTotal);
      bar.update(p.accountsDone, { throttles: p.throttles });
    },
    stop: () => { if (started) bar.stop(); },
  };
}

/**
 * In CI and pipes: a line on stderr every `everyMs` while accounts are read (done/total,
 * throttles, elapsed), then one when reading is done, so a long audit never looks hung.
 */
function progressLines(everyMs: number): Progress {
  const started = Date.now();
  let last: CollectProgress | undefined;
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  const line = (p: CollectProgress, what: string) => process.stderr.write(`audit: ${what} ${p.accountsDone}/${p.accountsTotal} accounts, ${p.throttles} throttled, ${elapsed()}\n`);
  const timer = setInterval(() => { if (last) line(last, 'read'); }, everyMs);
  timer.unref();
  return {
    update: (p) => { last = p; },
    stop: () => {
      clearInterval(timer);
      if (last) line(last, 'done reading');
    },
  };
}
