import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Diagnostics, loadLandingZone, type Diagnostic, type LandingZone } from '../model';
import { defaultActions, SimulationError } from '../model/simulate';
import { criticalActions } from '../model/simulate/lockout';
import { SourceFile } from '../model/source';
import type { SourceLocation } from '../model/types';
import { DiffInputError, extractDeclaration, repositoryOf, resolveCommit } from './git';
import type { DiffSide, SideOrigin, TerraformJson } from './types';

/** A side whose declaration does not validate: every error, named by side. */
export class InvalidSideError extends Error {
  constructor(readonly label: string, readonly diagnostics: readonly Diagnostic[]) {
    super(`${label} has ${diagnostics.length} error(s)`);
    this.name = 'InvalidSideError';
  }
}

export interface LoadedSide {
  readonly side: DiffSide;
  /** `HEAD~1 (3f2a1bc)` or the folder, for messages. */
  readonly label: string;
  readonly warnings: readonly Diagnostic[];
  /** Removes the temporary folders (a revision's files, the synthesized stacks). */
  dispose(): void;
}

export interface LoadSideOptions {
  /** `--base` or `--head`, for messages. */
  readonly flag: string;
  /** The folder holding the declaration (`--dir`): its repository is where revisions are read. */
  readonly dir: string;
  /** Synthesize the stacks, for the resource section. @default true */
  readonly synthesize?: boolean;
}

/**
 * Loads one side: `spec` names a folder when one exists there, else a git revision of the
 * repository holding `dir` (read with git into a temporary folder, never checked out). The side
 * is validated (every error stops the diff), its action lists read, and its stacks synthesized.
 */
export function loadSide(spec: string, options: LoadSideOptions): LoadedSide {
  const temps: string[] = [];
  const dispose = () => { for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true }); };
  try {
    const { folder, origin, prefix, label } = locate(spec, options, temps);
    const loaded = loadLandingZone(folder);
    const withPrefix = (d: Diagnostic): Diagnostic => ({ ...d, file: `${prefix}${d.file}` });
    if (!loaded.model) throw new InvalidSideError(`${options.flag} ${label}`, loaded.errors.map(withPrefix));
    const lz = loaded.model;
    let matrixActions: string[];
    try {
      matrixActions = defaultActions(lz);
    } catch (e) {
      if (e instanceof SimulationError) throw new DiffInputError(`${options.flag} ${label}: ${e.message}`);
      throw e;
    }
    const stacks = options.synthesize === false ? undefined : synthesizeSide(lz, temps);
    const side: DiffSide = {
      origin, lz, matrixActions, criticalActions: criticalActions(folder), stacks, pathPrefix: prefix,
      locateStatement: statementLocator(folder),
    };
    return { side, label, warnings: loaded.warnings.map(withPrefix), dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

function locate(spec: string, options: LoadSideOptions, temps: string[]): { folder: string; origin: SideOrigin; prefix: string; label: string } {
  const stat = fs.statSync(spec, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    const folder = path.resolve(spec);
    return { folder, origin: { kind: 'folder', path: folder }, prefix: folderPrefix(folder), label: spec };
  }
  if (stat) throw new DiffInputError(`${options.flag} ${spec} is a file; pass a git revision or the folder that holds accounts/ and policies/`);
  const repo = repositoryOf(path.resolve(options.dir));
  if (!repo) {
    throw new DiffInputError(`${options.flag} ${spec} is not a folder, and ${options.dir} is not in a git repository: pass a folder, or run lzkit diff inside the repository that holds the declaration`);
  }
  const commit = resolveCommit(repo, spec, options.flag);
  const label = `${spec} (${commit.slice(0, 7)})`;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-diff-side-'));
  temps.push(folder);
  extractDeclaration(repo, commit, folder, `${options.flag} ${label}`);
  return { folder, origin: { kind: 'git', ref: spec, commit, path: repo.prefix.replace(/\/$/, '') || '.' }, prefix: repo.prefix, label };
}

/** A folder's path in its repository (for locations code scanning can place), else relative to here. */
function folderPrefix(folder: string): string {
  let repo;
  try {
    repo = repositoryOf(folder);
  } catch {
    repo = undefined; // no git: the folder is not in a repository as far as lzkit can tell
  }
  const rel = repo ? path.relative(fs.realpathSync(repo.root), fs.realpathSync(folder)) : path.relative(process.cwd(), folder);
  return rel && !rel.startsWith('..') ? `${rel.split(path.sep).join('/')}/` : '';
}

function statementLocator(folder: string): (policyFile: string, index: number) => SourceLocation | undefined {
  const files = new Map<string, SourceFile | undefined>();
  return (policyFile, index) => {
    if (!files.has(policyFile)) files.set(policyFile, SourceFile.read(folder, policyFile, new Diagnostics(), { json: true }));
    return files.get(policyFile)?.locate(['document', 'Statement', index]);
  };
}

/** Synthesizes the side's app into a temporary folder and reads back each stack's Terraform JSON. */
function synthesizeSide(lz: LandingZone, temps: string[]): Map<string, TerraformJson> {
  // cdktf and the provider classes load only when a side is synthesized.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesize } = require('../stacks/app') as typeof import('../stacks/app');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-diff-synth-'));
  temps.push(out);
  synthesize(lz, out);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return new Map(Object.entries(manifest.stacks).map(([name, s]) => [name, JSON.parse(fs.readFileSync(path.join(out, s.synthesizedStackPath), 'utf8')) as TerraformJson]));
}
