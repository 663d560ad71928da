import * as path from 'path';
import type { Command } from 'commander';
import type { LandingZone } from '../../model';
import { readSynthesized, type StackSummary } from '../../stacks/summary';
import { CliError } from '../errors';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { writeFolderWhole } from '../output';

export interface SynthOptions extends DirOptions {
  out: string;
  fromUnsharded?: boolean;
  settleMoves?: boolean;
}

/**
 * Writes the cdktf app of a validated model to `out`, with the moves since stacks.lock.json,
 * then the new lock; returns what it wrote. The app is written beside `out` first, so a synthesis
 * that fails halfway leaves `out` (and the lock) as it was.
 */
export function synthToDisk(lz: LandingZone, out: string, options: { fromUnsharded?: boolean; settleMoves?: boolean } = {}): { outdir: string; stacks: StackSummary[]; moves: number; note?: string } {
  // cdktf and the provider classes load only when a command synthesizes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeDeclaration } = require('../../stacks/app') as typeof import('../../stacks/app');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FIRST_LOCK_NOTE, MoveError, StackLockError, writeStackLock } = require('../../stacks/moves') as typeof import('../../stacks/moves');
  const outdir = path.resolve(out);
  let built: ReturnType<typeof synthesizeDeclaration> | undefined;
  let stacks: StackSummary[];
  try {
    stacks = writeFolderWhole('--out', out, (staging) => {
      built = synthesizeDeclaration(lz, staging, { unsharded: options.fromUnsharded, settle: options.settleMoves });
      return readSynthesized(staging, built.app.node.children.map((c) => c.node.id));
    });
  } catch (e) {
    if (e instanceof MoveError || e instanceof StackLockError) throw new CliError(`${e.message}\nnothing synthesized`);
    throw e;
  }
  writeStackLock(lz.dir, built!.lock);
  return { outdir, stacks, moves: built!.moves.length, note: built!.firstLock ? FIRST_LOCK_NOTE : undefined };
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
    .option('--from-unsharded', 'the deployed stacks were written by an lzkit without stack shards: move accounts, delegated administrators and attachments out of organization and guardrails')
    .option('--settle-moves', 'every stack has been deployed since resources last moved: drop their removed blocks (stacks.lock.json keeps only where each resource is)')
    .action((opts: SynthOptions) => {
      // loadDeclaration stops with exit 2 and one line per error: nothing is written while any stands.
      const { outdir, stacks, moves, note } = synthToDisk(loadDeclaration(opts.dir), opts.out, opts);
      const lines = [`synthesized ${stacks.length} stack(s) to ${path.relative(process.cwd(), outdir) || '.'}:`, ...formatStackLines(stacks)];
      if (note) lines.push(note);
      else if (moves) lines.push(`${moves} resource(s) move to another stack: removed blocks where they were, import blocks where they are now (stacks.lock.json; see docs/stacks.md)`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
