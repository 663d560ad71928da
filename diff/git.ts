import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DECLARATION_DIR } from '../model/load';

/**
 * Reads a past version of the declaration with git itself: the tree of a revision, never a
 * checkout, so the working tree and the index are left alone.
 */

/** A problem with what `lzkit diff` was asked to compare (a revision, a folder): one line for the user. */
export class DiffInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffInputError';
  }
}

export interface GitRepository {
  /** Absolute path of the working tree's top folder. */
  readonly root: string;
  /** The declaration folder relative to `root`, with a trailing slash (`infra/lz/`), or ''. */
  readonly prefix: string;
}

function git(cwd: string, args: readonly string[], input?: Buffer): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new DiffInputError(code === 'ENOENT' ? 'git is not installed (or not on PATH); install git, or pass folders to --base and --head' : `cannot run git: ${r.error.message}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

/** The repository holding `dir`, or undefined when `dir` is in none. */
export function repositoryOf(dir: string): GitRepository | undefined {
  const r = git(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  if (r.status !== 0) return undefined;
  const [root, prefix = ''] = r.stdout.toString('utf8').split('\n');
  return { root, prefix };
}

/** The commit a revision names, or a DiffInputError that says so. */
export function resolveCommit(repo: GitRepository, ref: string, flag: string): string {
  if (ref.startsWith('-') || /[\s\0]/.test(ref)) throw new DiffInputError(`${flag} '${ref}' is not a git revision or a folder`);
  const r = git(repo.root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r.status !== 0) throw new DiffInputError(`${flag} ${ref}: no such revision in ${repo.root} (and no such folder); fetch it (e.g. git fetch origin) or pass a folder`);
  return r.stdout.toString('utf8').trim();
}

/**
 * Writes `accounts/` and `policies/` of the declaration folder as they are in `commit` into
 * `dest` (regular files only: links and submodules are not part of a declaration).
 */
export function extractDeclaration(repo: GitRepository, commit: string, dest: string, label: string): void {
  const folders = [DECLARATION_DIR, 'policies'].map((f) => `${repo.prefix}${f}`);
  const listing = git(repo.root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...folders]);
  if (listing.status !== 0) throw new DiffInputError(`cannot list ${label}: ${listing.stderr.split('\n')[0]}`);
  const blobs = listing.stdout.toString('utf8').split('\0').filter(Boolean).map((entry) => {
    const [meta, file] = entry.split('\t');
    const [mode, type, oid] = meta.split(' ');
    return { mode, type, oid, file };
  }).filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755'));
  if (!blobs.some((b) => b.file.startsWith(`${repo.prefix}${DECLARATION_DIR}/`))) {
    throw new DiffInputError(`${label} has no ${repo.prefix}${DECLARATION_DIR}/ folder: the declaration did not exist there yet; pick a later revision`);
  }
  const batch = git(repo.root, ['cat-file', '--batch'], Buffer.from(blobs.map((b) => b.oid).join('\n') + '\n'));
  if (batch.status !== 0) throw new DiffInputError(`cannot read ${label}: ${batch.stderr.split('\n')[0]}`);
  // `--batch` answers each object as "<oid> blob <size>\n<content>\n".
  let at = 0;
  const out = batch.stdout;
  for (const b of blobs) {
    const eol = out.indexOf(0x0a, at);
    const size = Number(out.subarray(at, eol).toString('utf8').split(' ')[2]);
    const content = out.subarray(eol + 1, eol + 1 + size);
    at = eol + 1 + size + 1;
    const target = path.join(dest, b.file.slice(repo.prefix.length));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}
