import * as fs from 'fs';
import * as path from 'path';

/** The lzkit package folder (holds schema/ and the shipped policies/), from source or from dist/. */
export const PACKAGE_ROOT: string = (() => {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lzkit') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`lzkit: cannot find the lzkit package folder above ${__dirname}`);
    dir = parent;
  }
})();

export const SCHEMA_DIR = path.join(PACKAGE_ROOT, 'schema');
