import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { loadLandingZone, type Diagnostic } from '../../model';
// The `$schema` lines of written files point at lzkit's schema/ folder.
import { SCHEMA_DIR } from '../../model/paths';
import { CORE, RUNNING_AREAS } from '../areas';
import type { Snapshot } from '../snapshot';
import type { ImportedDeclaration, ImportOptions } from './types';

export type { ImportedDeclaration, ImportNames, ImportOptions } from './types';

export interface ImportResult {
  readonly declaration: ImportedDeclaration;
  /** Files written, relative to the output folder. */
  readonly files: readonly string[];
  /** Errors of loading the written declaration (policy lint among them): written anyway, listed. */
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** The core declaration of an organization as the snapshot saw it (organization, accounts, guardrails). Pure. */
export function declarationFromSnapshot(s: Snapshot, o: ImportOptions = {}): ImportedDeclaration {
  return CORE.import(s, o);
}

/** The full declaration: the organization core, then each area's file from its part of the snapshot. Pure. */
export function importDeclaration(s: Snapshot, o: ImportOptions = {}): ImportedDeclaration {
  const d = CORE.import(s, o);
  for (const area of RUNNING_AREAS) area.import?.(s, (s as unknown as Record<string, unknown>)[area.key] as never, d);
  return d;
}

/** Writes the declaration under `outDir` (accounts/ and policies/), then loads it back to list what does not validate. */
export function writeImport(s: Snapshot, outDir: string, o: ImportOptions = {}): ImportResult {
  const declaration = importDeclaration(s, o);
  const files: string[] = [];
  const write = (rel: string, text: string): void => {
    const abs = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    files.push(rel);
  };
  const schemaFrom = (rel: string, schema: string) => path.relative(path.dirname(path.join(outDir, rel)), path.join(SCHEMA_DIR, schema)).split(path.sep).join('/');
  for (const [name, data] of declaration.accountsFiles) {
    const rel = `accounts/${name}`;
    const header = `# yaml-language-server: $schema=${schemaFrom(rel, name.replace(/\.yaml$/, '.schema.json'))}\n# ${declaration.headers.get(name) ?? 'Imported by `lzkit import`.'}\n`;
    write(rel, header + stringify(data, { lineWidth: 0 }));
  }
  for (const [name, data] of declaration.policyFiles) {
    const rel = `policies/${name}`;
    const body = name.startsWith('permission-sets/') ? data : { $schema: schemaFrom(rel, 'policy.schema.json'), ...(data as Record<string, unknown>) };
    write(rel, `${JSON.stringify(body, null, 2)}\n`);
  }
  const loaded = loadLandingZone(outDir);
  return { declaration, files, errors: loaded.errors, warnings: loaded.warnings };
}
