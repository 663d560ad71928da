import * as fs from 'fs';
import * as path from 'path';
import { copyExample, EXAMPLE_DIR } from '../model/declaration-copy';

export const LOGGING_YAML = 'accounts/logging.yaml';

/** A copy of the example's core declaration plus its logging.yaml (no other optional section). */
export function copyWithLogging(): string {
  const dir = copyExample();
  fs.copyFileSync(path.join(EXAMPLE_DIR, LOGGING_YAML), path.join(dir, LOGGING_YAML));
  return dir;
}
