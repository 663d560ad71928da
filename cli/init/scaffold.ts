import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { LZKIT_VERSION, PACKAGE_ROOT } from '../../model/paths';
import type { Snapshot } from '../../audits/snapshot';
import type { Diagnostic } from '../../model';

/** What `lzkit init` starts the declaration from. */
export type Start = { kind: 'example' } | { kind: 'minimal' } | { kind: 'snapshot'; snapshot: Snapshot };

/** A landing-zone repository as files (relative path, POSIX separators → content). */
export interface Scaffold {
  readonly files: Map<string, string>;
  /** package.json keys an existing package.json holds with another value (init would overwrite them). */
  readonly packageConflicts: readonly string[];
  /** Validation errors and warnings of an imported declaration (written anyway, as `lzkit import` does). */
  readonly importErrors: readonly Diagnostic[];
  readonly importWarnings: readonly Diagnostic[];
  readonly importNotes: readonly string[];
}

/** The templates shipped with lzkit (everything of a new repository that is not the declaration). */
const TEMPLATES = path.join(PACKAGE_ROOT, 'templates', 'init');

/** Where lzkit's schemas are in a repository that depends on lzkit. */
const INSTALLED_SCHEMA_DIR = 'node_modules/lzkit/schema';

/** The npm scripts of a landing-zone repository: the jobs of the README, by name. */
const SCRIPTS: Readonly<Record<string, string>> = {
  validate: 'lzkit validate',
  synth: 'lzkit synth',
  preflight: 'lzkit preflight',
  test: 'tsc --noEmit -p tsconfig.json && jest',
  audit: 'lzkit audit',
};

/** The tools the guardrail tests run with: the very versions lzkit's own tests use. */
const TEST_TOOLS = ['jest', 'ts-jest', 'typescript', '@types/jest', '@types/node'];

/** Builds every file of the new repository; `existingPackageJson` is merged into, never replaced. */
export function scaffold(start: Start, repoName: string, existingPackageJson?: Record<string, unknown>): Scaffold {
  const files = new Map<string, string>();
  let importResult: { errors: readonly Diagnostic[]; warnings: readonly Diagnostic[]; notes: readonly string[] } = { errors: [], warnings: [], notes: [] };
  if (start.kind === 'example') {
    addTree(files, PACKAGE_ROOT, 'accounts');
    addTree(files, PACKAGE_ROOT, 'policies');
  } else if (start.kind === 'minimal') {
    addTree(files, path.join(TEMPLATES, 'minimal'), 'accounts');
    for (const id of attachedPolicies(files.get('accounts/guardrails.yaml')!)) addLibraryPolicy(files, id);
  } else {
    importResult = addImported(files, start.snapshot);
  }
  for (const [rel, text] of files) files.set(rel, withInstalledSchemas(rel, text));
  addTree(files, path.join(TEMPLATES, start.kind), 'test');
  for (const name of ['jest.config.js', 'tsconfig.json', 'README.md']) files.set(name, read(path.join(TEMPLATES, 'common', name)));
  // npm never packs a file named .gitignore, so the template has another name.
  files.set('.gitignore', read(path.join(TEMPLATES, 'common', 'gitignore')));
  addTree(files, PACKAGE_ROOT, '.github/workflows');
  files.set('cdktf.json', `${JSON.stringify(cdktfJson(repoName), null, 2)}\n`);
  const pkg = packageJson(repoName, existingPackageJson);
  files.set('package.json', `${JSON.stringify(pkg.json, null, 2)}\n`);
  return { files, packageConflicts: pkg.conflicts, importErrors: importResult.errors, importWarnings: importResult.warnings, importNotes: importResult.notes };
}

/**
 * cdktf.json: `cdktf synth` / `cdktf deploy` run lzkit's cdktf app, which loads the declaration
 * of the current folder (the same app `lzkit synth` writes).
 */
function cdktfJson(repoName: string): Record<string, unknown> {
  return {
    language: 'typescript',
    app: 'node node_modules/lzkit/dist/stacks/main.js',
    projectId: repoName,
    sendCrashReports: 'false',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  };
}

function packageJson(repoName: string, existing: Record<string, unknown> = {}): { json: Record<string, unknown>; conflicts: string[] } {
  const own = JSON.parse(read(path.join(PACKAGE_ROOT, 'package.json'))) as { devDependencies: Record<string, string> };
  const conflicts: string[] = [];
  const scripts = { ...(existing.scripts as Record<string, string> | undefined) };
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (scripts[name] !== undefined && scripts[name] !== command) conflicts.push(`scripts.${name}`);
    scripts[name] = command;
  }
  const dependencies = { ...(existing.dependencies as Record<string, string> | undefined) };
  const devDependencies = { ...(existing.devDependencies as Record<string, string> | undefined) };
  // An lzkit already installed (a version or a tarball) stays what it is.
  if (!dependencies.lzkit && !devDependencies.lzkit) dependencies.lzkit = `^${LZKIT_VERSION}`;
  for (const tool of TEST_TOOLS) devDependencies[tool] ??= dependencies[tool] ?? own.devDependencies[tool];
  return {
    json: {
      name: repoName, private: true, description: 'Our AWS landing zone, declared for lzkit', ...existing,
      scripts, dependencies: sorted(dependencies), devDependencies: sorted(devDependencies),
    },
    conflicts,
  };
}

/** Points a declaration file's `$schema` at lzkit's schemas in node_modules, relative to the file. */
export function withInstalledSchemas(rel: string, text: string): string {
  const to = (name: string) => path.posix.relative(path.posix.dirname(rel), `${INSTALLED_SCHEMA_DIR}/${name}`);
  return text
    .replace(/^(# yaml-language-server: \$schema=)\S*?([\w.-]+\.schema\.json)/m, (_m, head: string, name: string) => `${head}${to(name)}`)
    .replace(/("\$schema"\s*:\s*")[^"]*?([\w.-]+\.schema\.json)"/, (_m, head: string, name: string) => `${head}${to(name)}"`);
}

/** The policy ids a guardrails.yaml attaches. */
function attachedPolicies(guardrailsYaml: string): string[] {
  const doc = parse(guardrailsYaml) as { attachments?: { policy: string }[] };
  return [...new Set((doc.attachments ?? []).map((a) => a.policy))];
}

/** Copies one policy of the shipped library (scp/, rcp/ or tag/) by id. */
function addLibraryPolicy(files: Map<string, string>, id: string): void {
  const rel = ['scp', 'rcp', 'tag'].map((type) => `policies/${type}/${id}.json`).find((r) => fs.existsSync(path.join(PACKAGE_ROOT, r)));
  if (!rel) throw new Error(`lzkit: the minimal template attaches '${id}', which lzkit's policies/ does not hold`);
  files.set(rel, read(path.join(PACKAGE_ROOT, rel)));
}

/** The declaration `lzkit import` writes for a snapshot, written aside and read back. */
function addImported(files: Map<string, string>, snapshot: Snapshot): { errors: readonly Diagnostic[]; warnings: readonly Diagnostic[]; notes: readonly string[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeImport } = require('../../audits/import') as typeof import('../../audits/import');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-init-'));
  try {
    const r = writeImport(snapshot, staging);
    for (const rel of r.files) files.set(rel.split(path.sep).join('/'), read(path.join(staging, rel)));
    return { errors: r.errors, warnings: r.warnings, notes: r.declaration.notes };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Adds every file below `base/rel` under the same relative path. */
function addTree(files: Map<string, string>, base: string, rel: string): void {
  const full = path.join(base, rel);
  if (!fs.existsSync(full)) return;
  for (const entry of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) addTree(files, base, child);
    else files.set(child, read(path.join(base, child)));
  }
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
