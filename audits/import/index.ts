import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { loadLandingZone, type Diagnostic } from '../../model';
// The `$schema` lines of written files point at lzkit's schema/ folder.
import { SCHEMA_DIR } from '../../model/paths';
import type { Snapshot } from '../snapshot';
import { declarationFromSnapshot, type ImportedDeclaration, type ImportOptions } from './declaration';
import { networkFromSnapshot } from './network';
import { identityFromSnapshot } from './sections';

export { declarationFromSnapshot, type ImportedDeclaration, type ImportOptions } from './declaration';


const HEADERS: Readonly<Record<string, string>> = {
  'organization.yaml': 'The organization and its OU tree, imported by `lzkit import`. Ids adopt what exists.',
  'accounts.yaml': 'Every account of the organization, imported by `lzkit import`, adopted by id.',
  'guardrails.yaml': 'Which policies are attached where, imported by `lzkit import`; adoptedPolicies keep their ids.',
  'network.yaml': 'The Transit Gateway, its segments (route tables), spokes and egress VPC, imported by `lzkit import`.',
  'identity.yaml': 'IAM Identity Center permission sets and assignments, imported by `lzkit import`.',
};

export interface ImportResult {
  readonly declaration: ImportedDeclaration;
  /** Files written, relative to the output folder. */
  readonly files: readonly string[];
  /** Errors of loading the written declaration (policy lint among them): written anyway, listed. */
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** The full declaration: core, then the sections the snapshot holds. Pure. */
export function importDeclaration(s: Snapshot, o: ImportOptions = {}): ImportedDeclaration {
  const d = declarationFromSnapshot(s, o);
  const network = networkFromSnapshot(s, d);
  if (network) d.accountsFiles.set('network.yaml', network);
  const identity = identityFromSnapshot(s, d);
  if (identity) {
    d.accountsFiles.set('identity.yaml', identity.file);
    for (const [file, doc] of identity.policies) d.policyFiles.set(`permission-sets/${file}`, doc);
  }
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
    const header = `# yaml-language-server: $schema=${schemaFrom(rel, name.replace(/\.yaml$/, '.schema.json'))}\n# ${HEADERS[name] ?? 'Imported by `lzkit import`.'}\n`;
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
