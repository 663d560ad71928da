import * as fs from 'fs';
import * as path from 'path';

interface Manifest {
  name?: string;
  version?: string;
}

/** The lzkit package folder (holds schema/ and the shipped policies/), from source or from dist/, and its package.json. */
const PACKAGE: { root: string; manifest: Manifest } = (() => {
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
      if (manifest.name === 'lzkit') return { root: dir, manifest };
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`lzkit: cannot find the lzkit package folder above ${__dirname}`);
    dir = parent;
  }
})();

export const PACKAGE_ROOT: string = PACKAGE.root;

export const SCHEMA_DIR = path.join(PACKAGE_ROOT, 'schema');

/** lzkit's own version: `lzkit --version` and every audit report carry it ('unknown' inside the audit function's bundle). */
export const LZKIT_VERSION: string = PACKAGE.manifest.version ?? 'unknown';
