import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffDeclarations, type DiffReport, type DiffSide } from '../../diff';
import { loadSide } from '../../diff/sides';
import { edit, replaceOnce } from '../model/declaration-copy';

/** The repository: its accounts/ and policies/ are the example declaration. */
export const REPO = path.join(__dirname, '..', '..');

const made: string[] = [];
const disposers: (() => void)[] = [];

/** A copy of the whole example declaration (every section) in a temporary folder. */
export function copyDeclaration(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-diff-test-'));
  for (const folder of ['accounts', 'policies']) fs.cpSync(path.join(REPO, folder), path.join(dir, folder), { recursive: true });
  made.push(dir);
  return dir;
}

/** Loads a folder as a diff side (validated); synthesized only when the test needs resources. */
export function side(dir: string, synthesize = false): DiffSide {
  const loaded = loadSide(dir, { flag: '--head', dir, synthesize });
  disposers.push(loaded.dispose);
  return loaded.side;
}

/** One edit of a copy: `rel` is a file of the declaration, `from` must occur exactly once. */
export interface Edit { readonly rel: string; readonly from: string; readonly to: string }

/** The example before and after `edits`, and the report between them. */
export function diffExample(edits: readonly Edit[], synthesize = false): { report: DiffReport; base: DiffSide; head: DiffSide; headDir: string } {
  const baseDir = copyDeclaration();
  const headDir = copyDeclaration();
  for (const e of edits) edit(headDir, e.rel, replaceOnce(e.from, e.to));
  const base = side(baseDir, synthesize);
  const head = side(headDir, synthesize);
  return { report: diffDeclarations(base, head), base, head, headDir };
}

/** Removes every copy and temporary folder made so far (call from afterAll). */
export function cleanup(): void {
  for (const d of disposers.splice(0)) d();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Sandbox leaves region-deny's targets: the change of the acceptance scenario. */
export const REGION_DENY_WITHOUT_SANDBOX: Edit = {
  rel: 'accounts/guardrails.yaml',
  from: '- policy: region-deny\n    targets: { ous: [Security, Infrastructure, Workloads, Sandbox] }',
  to: '- policy: region-deny\n    targets: { ous: [Security, Infrastructure, Workloads] }',
};
