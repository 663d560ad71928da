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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-preflight-'));
  try {
    const app = synthesize(lz, dir);
    return viewStacks(readSynthesized(dir), app.node.children.map((c) => c.node.id));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
