import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadLandingZone, type LoadResult } from '../../model';

export const ROOT_DIR = path.join(__dirname, '..', '..');

/**
 * A temporary copy of the example declaration (accounts/ and policies/) with edits applied:
 * `identity` rewrites accounts/identity.yaml, `files` writes further files (relative paths).
 */
export function declarationCopy(edit: { identity?: (yaml: string) => string; files?: Record<string, string> } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-identity-'));
  for (const sub of ['accounts', 'policies']) fs.cpSync(path.join(ROOT_DIR, sub), path.join(dir, sub), { recursive: true });
  const idFile = path.join(dir, 'accounts', 'identity.yaml');
  if (edit.identity) fs.writeFileSync(idFile, edit.identity(fs.readFileSync(idFile, 'utf8')));
  for (const [rel, text] of Object.entries(edit.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Loads a copy of the example with edits; removes the copy afterwards. */
export function loadEdited(edit: Parameters<typeof declarationCopy>[0]): LoadResult {
  const dir = declarationCopy(edit);
  try {
    return loadLandingZone(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The line (1-based) of the first occurrence of `needle` in the example identity.yaml after `edit`. */
export function lineOf(yaml: string, needle: string): number {
  const i = yaml.indexOf(needle);
  if (i < 0) throw new Error(`fixture: '${needle}' not found`);
  return yaml.slice(0, i).split('\n').length;
}

export const EXAMPLE_IDENTITY = fs.readFileSync(path.join(ROOT_DIR, 'accounts', 'identity.yaml'), 'utf8');
