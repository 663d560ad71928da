import * as path from 'path';
import type { Command } from 'commander';
import type { LandingZone } from '../../model';
import { readSynthesized, type StackSummary } from '../../stacks/summary';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { writeFolderWhole } from '../output';

export interface SynthOptions extends DirOptions {
  out: string;
}

/**
 * Writes the cdktf app of a validated model to `out`; returns what it wrote. The app is written
 * beside `out` first, so a synthesis that fails halfway leaves `out` as it was.
 */
export function synthToDisk(lz: LandingZone, out: string): { outdir: string; stacks: StackSummary[] } {
  // cdktf and the provider classes load only when a command synthesizes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesize } = require('../../stacks/app') as typeof import('../../stacks/app');
  const outdir = path.resolve(out);
  const stacks = writeFolderWhole('--out', out, (staging) => {
    const app = synthesize(lz, staging);
    return readSynthesized(staging, app.node.children.map((c) => c.node.id));
  });
  return { outdir, stacks };
}

/** `organization  24 resources (11 imported)` per stack. */
export function formatStackLines(stacks: readonly StackSummary[]): string[] {
  const width = Math.max(0, ...stacks.map((s) => s.name.length));
  return stacks.map((s) => `  ${s.name.padEnd(width)}  ${s.resources} resources${s.imports ? ` (${s.imports} imported)` : ''}${s.dependsOn.length ? `, reads ${s.dependsOn.join(', ')}` : ''}`);
}

export function register(program: Command): void {
  withDir(program.command('synth'))
    .description('validate, then write the cdktf stacks (the app cdktf.json runs); exit 2 while the declaration has errors')
    .option('--out <dir>', 'output folder', 'cdktf.out')
    .action((opts: SynthOptions) => {
      // loadDeclaration stops with exit 2 and one line per error: nothing is written while any stands.
      const { outdir, stacks } = synthToDisk(loadDeclaration(opts.dir), opts.out);
      const lines = [`synthesized ${stacks.length} stack(s) to ${path.relative(process.cwd(), outdir) || '.'}:`, ...formatStackLines(stacks)];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
