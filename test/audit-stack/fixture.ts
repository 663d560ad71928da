import * as fs from 'fs';
import * as path from 'path';
import { copyExample, EXAMPLE_DIR } from '../model/declaration-copy';

export const AUDIT_YAML = 'accounts/audit.yaml';

/** A copy of the example's core declaration plus its audit.yaml (no other optional section). */
export function copyWithAudit(): string {
  const dir = copyExample();
  fs.copyFileSync(path.join(EXAMPLE_DIR, AUDIT_YAML), path.join(dir, AUDIT_YAML));
  return dir;
}
