import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { LZKIT_VERSION, PACKAGE_ROOT } from '../model/paths';
import { archiveSync } from './cdktf';

/** lzkit's code: the TypeScript sources in this repository, dist/ (the same layout, compiled) in the package. */
const CODE_ROOT = path.resolve(__dirname, '..');
const CODE_EXT = path.extname(__filename);
/** The handler the audit function runs (the same audit code as `lzkit audit`). */
export const AUDIT_HANDLER_ENTRY = path.join(CODE_ROOT, 'audits', 'lambda', `handler${CODE_EXT}`);
/** Folder of the function's declaration copy inside the bundle (the handler loads the model from it). */
export const BUNDLED_DECLARATION = 'declaration';

/** Sources (and this file: its build options) whose content decides the bundle; a change in any of them makes a new bundle. */
const SOURCE_DIRS = ['audits', 'model', path.join('stacks', `audit-bundle${CODE_EXT}`)];
const CACHE_DIR = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'lzkit', 'audit-function');

export interface AuditBundle {
  /** The zip Terraform uploads as the function's code. */
  readonly zipPath: string;
  /** Content hash of everything in the zip (the cache key, and the asset hash). */
  readonly hash: string;
}

/**
 * The audit function's code as a zip: the handler bundled by esbuild (every dependency inlined,
 * so the function needs no node_modules), the declaration it audits against, the JSON Schemas
 * and the IAM action catalog the model's meaning pass reads from disk.
 *
 * Bundling and zipping take seconds; the zip is cached under node_modules/.cache by a hash of
 * its inputs, so synth and tests pay for it once per change of the audit code or declaration.
 */
export function auditFunctionBundle(declarationDir: string): AuditBundle {
  const hash = inputHash(declarationDir);
  const zipPath = path.join(CACHE_DIR, `${hash}.zip`);
  if (fs.existsSync(zipPath)) return { zipPath, hash };

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-audit-fn-'));
  try {
    stageAuditFunction(declarationDir, staging);
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmpZip = path.join(CACHE_DIR, `${hash}.${process.pid}.tmp`);
    archiveSync(staging, tmpZip);
    fs.renameSync(tmpZip, zipPath); // atomic: parallel test workers never see half a zip
    pruneCache();
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { zipPath, hash };
}

/** Writes the function's files (what the zip holds) into `staging`. */
export function stageAuditFunction(declarationDir: string, staging: string): void {
  buildSync({
    entryPoints: [AUDIT_HANDLER_ENTRY], outfile: path.join(staging, 'index.js'), bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', minify: true, logLevel: 'error',
    // The bundled libraries' licence notices travel with the code (index.js.LEGAL.txt in the zip).
    legalComments: 'external',
    // The IAM libraries read their own files by path at run time (require.resolve + data folders): shipped whole.
    external: ['@cloud-copilot/*'],
    // Prefer ESM builds: some packages' CommonJS builds are UMD wrappers that require() at run time.
    mainFields: ['module', 'main'],
    // ESM builds of dependencies read import.meta.url, which a CommonJS bundle does not have.
    banner: { js: "const __lzkitImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__lzkitImportMetaUrl' },
  });
  // model/paths.ts finds schema/ next to a package.json named lzkit.
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'lzkit', version: LZKIT_VERSION, private: true }));
  fs.cpSync(path.join(PACKAGE_ROOT, 'schema'), path.join(staging, 'schema'), { recursive: true });
  for (const folder of ['accounts', 'policies']) {
    const from = path.join(declarationDir, folder);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(staging, BUNDLED_DECLARATION, folder), { recursive: true });
  }
  copyIamLibraries(staging);
}

/** The IAM libraries, as installed (without type declarations and source maps): the model's lint and lockout check use them. */
const IAM_LIBRARIES = ['cli', 'iam-data', 'iam-expand', 'iam-policy', 'iam-simulate', 'iam-utils'];

function copyIamLibraries(staging: string): void {
  for (const name of IAM_LIBRARIES) {
    const from = installedPackageDir(`@cloud-copilot/${name}`);
    if (!from) throw new Error(`lzkit: @cloud-copilot/${name} is not installed in ${PACKAGE_ROOT}; run npm ci`);
    fs.cpSync(from, path.join(staging, 'node_modules', '@cloud-copilot', name), {
      recursive: true, filter: (src) => !/\.(d\.ts|map|md)$/.test(src) && !src.includes(`${path.sep}src${path.sep}`),
    });
  }
}

/**
 * Where npm installed a package, by Node's own lookup order: lzkit's node_modules in this
 * repository, the project's (hoisted) node_modules when lzkit is a dependency. Their
 * package.json files are not exported, so require.resolve cannot name the folder.
 */
function installedPackageDir(name: string): string | undefined {
  return (require.resolve.paths(name) ?? []).map((dir) => path.join(dir, name)).find((dir) => fs.existsSync(path.join(dir, 'package.json')));
}

/** Keeps the newest bundles only: every edit of the audit code or declaration makes a new one. */
function pruneCache(keep = 12): void {
  const zips = fs.readdirSync(CACHE_DIR).filter((f) => f.endsWith('.zip'))
    .map((f) => ({ f, t: fs.statSync(path.join(CACHE_DIR, f)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of zips.slice(keep)) fs.rmSync(path.join(CACHE_DIR, f), { force: true });
}

function inputHash(declarationDir: string): string {
  const h = crypto.createHash('sha256');
  h.update(`esbuild ${(require('esbuild/package.json') as { version: string }).version}\0node20\0`); // eslint-disable-line @typescript-eslint/no-require-imports
  h.update(`lzkit ${LZKIT_VERSION}\0`);
  for (const dir of SOURCE_DIRS) hashTree(h, CODE_ROOT, dir);
  hashTree(h, PACKAGE_ROOT, 'schema');
  for (const folder of ['accounts', 'policies']) hashTree(h, declarationDir, folder);
  const lock = path.join(PACKAGE_ROOT, 'package-lock.json');
  if (fs.existsSync(lock)) h.update(fs.readFileSync(lock));
  return h.digest('hex').slice(0, 32);
}

function hashTree(h: crypto.Hash, base: string, rel: string): void {
  const full = path.join(base, rel);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isDirectory()) {
    for (const entry of fs.readdirSync(full).sort()) hashTree(h, base, path.join(rel, entry));
    return;
  }
  h.update(`${rel.split(path.sep).join('/')}\0`);
  h.update(fs.readFileSync(full));
  h.update('\0');
}
