import * as fs from 'fs';
import * as path from 'path';
import { CliError } from './errors';

/**
 * Where commands write: every target is checked before the work starts (an audit can read AWS for
 * minutes; it must not fail at the last step), and folders are written whole or not at all.
 */

/** fs.statSync, undefined when nothing is there (also when a parent on the way is a file). */
export function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** `ENOENT` -> words a user can act on. */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'that place cannot hold a new folder';
    case 'ENOTDIR':
      return 'a parent is a file';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code ?? String((e as Error)?.message ?? e);
  }
}

/**
 * Checks that `file` can be written later: its folder exists and `file` is not a folder. Does not
 * create anything (a typo in a path should not leave folders behind).
 */
export function checkFileTarget(flag: string, file: string): void {
  const abs = path.resolve(file);
  const stat = statOf(abs);
  if (stat?.isDirectory()) throw new CliError(`${flag} ${file} is a folder; name a file, e.g. ${path.join(file, 'report.txt')}`);
  const parent = path.dirname(abs);
  const parentStat = statOf(parent);
  if (!parentStat) throw new CliError(`${flag} ${file}: the folder ${parent} does not exist; create it first or choose another path`);
  if (!parentStat.isDirectory()) throw new CliError(`${flag} ${file}: ${parent} is a file, not a folder; choose another path`);
  try {
    fs.accessSync(parent, fs.constants.W_OK);
  } catch (e) {
    throw new CliError(`${flag} ${file}: cannot write in ${parent} (${why(e)}); choose another path`);
  }
}

/** Writes a whole file, or reports the one reason it could not. */
export function writeOutputFile(flag: string, file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new CliError(`cannot write ${flag} ${file} (${why(e)}); choose another path`);
  }
}

/**
 * Creates `dir` and any missing parents, one level at a time: Node's `mkdirSync(recursive)` spins
 * forever on some pseudo file systems (e.g. under /proc), a plain mkdir reports the error.
 */
export function ensureFolder(flag: string, dir: string): string {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  let at = abs;
  let stat = statOf(at);
  while (!stat) {
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
    stat = statOf(at);
  }
  if (stat && !stat.isDirectory()) {
    throw new CliError(at === abs ? `${flag} ${dir} is a file, not a folder; choose a folder` : `${flag} ${dir}: ${at} is a file, not a folder; choose another path`);
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      throw new CliError(`cannot create ${flag} ${dir} (${why(e)} at ${d}); choose a folder you can write to`);
    }
  }
  return abs;
}

/**
 * Runs `write` into a fresh folder next to `dir`, then moves each file it wrote into `dir`: when
 * `write` fails, `dir` is untouched (no half-written output); files in `dir` that `write` does
 * not produce (e.g. terraform's .terraform/ folders in cdktf.out) are kept.
 */
export function writeFolderWhole<T>(flag: string, dir: string, write: (staging: string) => T): T {
  const target = ensureFolder(flag, dir);
  let staging: string;
  try {
    staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.lzkit-`));
  } catch (e) {
    throw new CliError(`cannot write ${flag} ${dir} (${why(e)}); choose a folder you can write to`);
  }
  try {
    const result = write(staging);
    moveInto(staging, target);
    return result;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function moveInto(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (!statOf(dst)?.isDirectory()) {
        fs.rmSync(dst, { force: true });
        fs.mkdirSync(dst);
      }
      moveInto(src, dst);
    } else {
      fs.renameSync(src, dst);
    }
  }
}
