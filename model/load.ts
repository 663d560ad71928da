import * as fs from 'fs';
import * as path from 'path';
import { DeclarationError, Diagnostics, type Diagnostic } from './diagnostics';
import { buildGuardrails, lintPolicyLibrary } from './guardrails';
import { auditSection } from './audit';
import { identitySection } from './identity';
import type { LandingZone } from './landing-zone';
import { loggingSection } from './logging';
import { networkSection } from './network';
import { checkSecurityServicesNeedLogging, securityServicesSection } from './security-services';
import { buildOrganization } from './organization';
import { usableParts } from './schema';
import { checkShardSizes } from './shards';
import type { CoreModel, Section } from './section';
import { checkLockout } from './simulate/lockout';
import { SourceFile } from './source';
import type { GuardrailSet } from './types';

export const DECLARATION_DIR = 'accounts';

/** The files of accounts/: the two the organization needs, then the optional sections. */
const CORE_FILES = { organization: 'organization.yaml', accounts: 'accounts.yaml', guardrails: 'guardrails.yaml' } as const;
const SECTIONS = { logging: loggingSection, network: networkSection, identity: identitySection, audit: auditSection, securityServices: securityServicesSection } satisfies Record<string, Section<unknown>>;

/** Checks run on the finished model (cross-section rules, lockout); each reports into `d`. */
export type ModelCheck = (lz: LandingZone, d: Diagnostics) => void;
// The lockout check runs on every load: no entry point can skip it. Nor can the shard sizes.
const modelChecks: ModelCheck[] = [checkLockout, checkShardSizes, checkSecurityServicesNeedLogging];

/** Registers a check on the finished model (the lockout check, cross-section rules). */
export function registerModelCheck(check: ModelCheck): void {
  if (!modelChecks.includes(check)) modelChecks.push(check);
}

const NO_GUARDRAILS: GuardrailSet = Object.freeze({
  policies: new Map(), attachments: Object.freeze([]), fullAwsAccess: Object.freeze({ detachedFromOus: Object.freeze([]), detachedFromAccounts: Object.freeze([]) }),
});

export interface LoadResult {
  /** Present only when there is no error. */
  readonly model?: LandingZone;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/**
 * Loads accounts/ and policies/ of `dir` into the LandingZone model: the structural pass (JSON
 * Schema, unknown keys are errors) on every file, then the meaning pass. Collects every error:
 * a file with structural errors still has the parts that conform checked, and the checks that do
 * not depend on a file that could not be read at all still run.
 */
export function loadLandingZone(dir: string): LoadResult {
  const d = new Diagnostics();
  const model = load(path.resolve(dir), d);
  return d.hasErrors ? { errors: d.errors, warnings: d.warnings } : { model, errors: [], warnings: d.warnings };
}

/** As loadLandingZone, but throws a DeclarationError carrying every error. */
export function loadLandingZoneOrThrow(dir: string): LandingZone {
  const r = loadLandingZone(dir);
  if (!r.model) throw new DeclarationError(r.errors);
  return r.model;
}

function load(dir: string, d: Diagnostics): LandingZone | undefined {
  const declDir = path.join(dir, DECLARATION_DIR);
  if (!fs.existsSync(declDir) || !fs.statSync(declDir).isDirectory()) {
    d.error({ file: DECLARATION_DIR, line: 1, column: 1 }, 'NO_DECLARATION', `no ${DECLARATION_DIR}/ folder in ${dir}; pass --dir with the folder that holds accounts/ and policies/`);
    return undefined;
  }
  const known = new Set<string>([...Object.values(CORE_FILES), ...Object.values(SECTIONS).map((s) => s.file)]);
  for (const f of fs.readdirSync(declDir).sort()) {
    if (/\.ya?ml$/.test(f) && !known.has(f)) {
      d.error({ file: `${DECLARATION_DIR}/${f}`, line: 1, column: 1 }, 'UNKNOWN_FILE',
        `lzkit does not read ${f}; the declaration files are ${[...known].join(', ')}: rename or remove it`);
    }
  }
  const read = (name: string, schema: string, required: boolean): SourceFile | undefined => {
    const rel = `${DECLARATION_DIR}/${name}`;
    // lstat: a link to nothing is a file the user meant to declare, reported (not skipped) by read().
    if (!fs.lstatSync(path.join(dir, rel), { throwIfNoEntry: false })) {
      if (required) d.error({ file: rel, line: 1, column: 1 }, 'MISSING_FILE', `${rel} is required; create it (see the example declaration)`);
      return undefined;
    }
    const source = SourceFile.read(dir, rel, d);
    return source && usableParts(source, schema, d);
  };
  const orgFile = read(CORE_FILES.organization, 'organization.schema.json', true);
  const accountsFile = read(CORE_FILES.accounts, 'accounts.schema.json', true);
  const guardrailsFile = read(CORE_FILES.guardrails, 'guardrails.schema.json', false);
  const sectionFiles = Object.fromEntries(Object.entries(SECTIONS).map(([k, s]) => [k, read(s.file, s.schema, false)]));

  const org = buildOrganization(orgFile, accountsFile, d);
  const view = { root: org.root, ous: org.ous, accounts: org.accounts, gaps: org.gaps };
  let guardrails: GuardrailSet = NO_GUARDRAILS;
  // Parameters are bound from organization.yaml; without it the policies are linted unbound.
  const guardrailsUnread = !guardrailsFile && fs.lstatSync(path.join(declDir, CORE_FILES.guardrails), { throwIfNoEntry: false }) !== undefined;
  if (orgFile) guardrails = buildGuardrails(dir, guardrailsFile, org.organization, view, d, guardrailsUnread);
  else lintPolicyLibrary(dir, d);
  const core: CoreModel = { dir, ...org, guardrails };
  const sections: Record<string, unknown> = {};
  for (const [key, section] of Object.entries(SECTIONS)) {
    const file = sectionFiles[key];
    if (file) sections[key] = (section as Section<unknown>).build({ file, core, diagnostics: d });
  }
  if (d.hasErrors) return undefined;
  const lz = Object.freeze({ ...core, ...sections }) as LandingZone;
  for (const check of modelChecks) check(lz, d);
  return lz;
}
