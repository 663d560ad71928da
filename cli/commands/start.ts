import type { Command } from 'commander';
import { deploymentSummary } from '../deploy-summary';
import { renderDiagram } from '../diagram';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { formatStackLines, synthToDisk } from './synth';

/**
 * `npm start`: the main job on a declaration: validate, synth, say what would be deployed, draw
 * it, then see the drift audit work against the local sandbox (no AWS, no network).
 */
export function register(program: Command): void {
  withDir(program.command('start'))
    .description('validate, synthesize, summarize what would be deployed and print the diagram (npm start)')
    .option('--out <dir>', 'output folder', 'cdktf.out')
    .option('--no-demo', 'skip the drift audit demo against the local sandbox')
    .action(async (opts: DirOptions & { out: string; demo: boolean }) => {
      const lz = loadDeclaration(opts.dir);
      const out = (s: string) => process.stdout.write(`${s}\n`);
      out(`valid: ${lz.ous.size} OUs, ${lz.accounts.size} accounts, ${lz.guardrails.policies.size} guardrails, ${lz.guardrails.attachments.length} attachments`);
      const { outdir, stacks, note } = synthToDisk(lz, opts.out);
      out(`\nsynthesized ${stacks.length} stack(s) to ${opts.out}:`);
      formatStackLines(stacks).forEach(out);
      if (note) out(note);
      out('');
      deploymentSummary(lz, stacks).forEach(out);
      // What `lzkit preflight` proves, in one line; its findings: `lzkit preflight`.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runPreflightOn, summaryLine } = require('../../preflight') as typeof import('../../preflight');
      out(`\n${summaryLine(await runPreflightOn(lz, outdir, stacks.map((s) => s.name)))} (details: lzkit preflight)`);
      out('\nthe organization (mermaid):\n```mermaid');
      process.stdout.write(renderDiagram(lz, 'mermaid'));
      out('```');
      if (opts.demo) {
        out('\nthe drift audit, against the local AWS sandbox serving this organization with three drifts:\n');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { runDemo } = require('../../audits/demo') as typeof import('../../audits/demo');
        await runDemo(opts.dir);
      }
    });
}
