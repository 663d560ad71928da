import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadLandingZone, type Diagnostic } from '../../model';
import { POLICY_TYPES } from '../../model/policy-types';

/** The folder of the shipped example declaration (accounts/ and policies/). */
export const EXAMPLE_DIR = path.join(__dirname, '..', '..');

/**
 * The example's core declaration and its guardrail library: the files the organization and the
 * guardrails are built from. Optional sections (logging, network, identity) are left out on purpose,
 * so a broken copy shows only the error its test introduced.
 */
const CORE = ['accounts/organization.yaml', 'accounts/accounts.yaml', 'accounts/guardrails.yaml',
  ...Object.values(POLICY_TYPES).map((t) => t.folder).filter((f) => fs.existsSync(path.join(EXAMPLE_DIR, f)))];

const made: string[] = [];

/** The optional sections a copy may also take (with the policy files they read). */
const SECTION_FILES: Readonly<Record<string, readonly string[]>> = {
  network: ['accounts/network.yaml'],
  identity: ['accounts/identity.yaml', 'policies/permission-sets'],
  logging: ['accounts/logging.yaml'],
  audit: ['accounts/audit.yaml'],
  securityServices: ['accounts/security-services.yaml'],
};

/** A fresh copy of the example declaration in a temporary folder, with the sections named. */
export function copyExample(options: { sections?: readonly (keyof typeof SECTION_FILES)[] } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-decl-'));
  for (const rel of [...CORE, ...(options.sections ?? []).flatMap((s) => SECTION_FILES[s])]) fs.cpSync(path.join(EXAMPLE_DIR, rel), path.join(dir, rel), { recursive: true });
  made.push(dir);
  return dir;
}

/** Removes every copy made so far (call from afterAll). */
export function removeCopies(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Rewrites one file of a copy; fails loudly when the edit did not change anything. */
export function edit(dir: string, rel: string, change: (text: string) => string): void {
  const file = path.join(dir, rel);
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${rel} changed nothing: the example no longer holds the text this test edits`);
  fs.writeFileSync(file, after);
}

/** Replaces exactly one occurrence of `from`. */
export function replaceOnce(from: string, to: string): (text: string) => string {
  return (text) => {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`'${from}' must occur exactly once`);
    return text.slice(0, at) + to + text.slice(at + from.length);
  };
}

/** 1-based line of the `occurrence`-th line containing `needle` in a file of the copy. */
export function lineOf(dir: string, rel: string, needle: string, occurrence = 1): number {
  const lines = fs.readFileSync(path.join(dir, rel), 'utf8').split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`'${needle}' (occurrence ${occurrence}) not found in ${rel}`);
}

export function errorsOf(dir: string): readonly Diagnostic[] {
  return loadLandingZone(dir).errors;
}

/** The shape tests assert: the stable code and where it points. */
export function at(code: string, file: string, line: number): Partial<Diagnostic> {
  return expect.objectContaining({ code, file, line }) as Partial<Diagnostic>;
}
