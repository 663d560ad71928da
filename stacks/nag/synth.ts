import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { LandingZone } from '../../model';
import { synthesize } from '../app';
import { readSynthesized, type SynthesizedStack } from './terraform';

/**
 * Synthesizes every stack into a scratch folder and reads it back: exactly the cdk.tf.json
 * `lzkit synth` writes (Testing.synth would strip the `//` metadata that carries construct paths
 * and declaration lines).
 */
export function synthesizeInMemory(lz: LandingZone): SynthesizedStack[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-nag-'));
  try {
    synthesize(lz, dir);
    return readSynthesized(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
