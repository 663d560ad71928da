import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { LandingZone } from '../model';
import { synthesize } from '../stacks/app';
import { readSynthesized } from '../stacks/nag/terraform';
import { viewStacks, type StackView } from './synthesized';

/**
 * Synthesizes the declaration into a scratch folder, exactly as `lzkit synth` writes it, and
 * reads the stacks back in deploy order. Nothing is left behind.
 */
export function synthesizeStacks(lz: LandingZone): StackView[] {
  return withSynthesizedStacks(lz, (stacks) => stacks);
}

/**
 * Synthesizes into a scratch folder and hands the stacks (each with its folder, where its
 * assets are) to `use`; the folder is removed when `use` has finished, also when it is async.
 */
export function withSynthesizedStacks<T>(lz: LandingZone, use: (stacks: StackView[]) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-preflight-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  let result: T;
  try {
    const app = synthesize(lz, dir);
    result = use(readStacks(dir, app.node.children.map((c) => c.node.id)));
  } catch (e) {
    cleanup();
    throw e;
  }
  if (result instanceof Promise) return result.finally(cleanup) as T;
  cleanup();
  return result;
}

/** The stacks a synth wrote to `outdir` (cdktf.out), in deploy order, each with its folder. */
export function readStacks(outdir: string, preferred: readonly string[] = []): StackView[] {
  return viewStacks(readSynthesized(outdir), preferred).map((s) => ({ ...s, folder: path.join(outdir, 'stacks', s.name) }));
}
