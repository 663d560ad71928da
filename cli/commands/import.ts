import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { formatDiagnostic, loadLandingZone } from '../../model';
import { readOr, readSnapshot, SnapshotError, type Snapshot } from '../../audits/snapshot';
import { positiveInt, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';
import { statOf, writeFolderWhole } from '../output';

interface ImportFlags extends DirOptions {
  out: string;
  snapshot?: string;
  force?: boolean;
  severity: string;
  auditRole?: string;
  concurrency?: number;
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

export function register(program: Command): void {
  withDir(program.command('import'))
    .description('write a declaration (accounts/ and policies/) from the live organization or a snapshot; exit 0 it validates, 1 written but does not validate (listed), 2 could not import')
    .requiredOption('--out <dir>', 'folder to write accounts/ and policies/ into')
    .option('--snapshot <file>', 'import a saved snapshot (lzkit audit --save-snapshot) instead of reading AWS')
    .option('--force', 'write even if --out already holds accounts/ or policies/ files (same names are overwritten)')
    .option('--severity <level>', `severity of the imported guardrails: ${SEVERITIES.join('|')}`, 'medium')
    .option('--audit-role <name>', 'role read in member accounts (default: organization.roles.audit of --dir when it holds a declaration, else LzkitAuditReadOnly)')
    .option('--concurrency <n>', 'accounts read at the same time (default 16)', positiveInt('--concurrency'))
    .action(async (opts: ImportFlags) => {
      if (!(SEVERITIES as readonly string[]).includes(opts.severity)) throw new CliError(`--severity must be one of ${SEVERITIES.join(', ')}, got '${opts.severity}'`);
      const out = path.resolve(opts.out);
      const outStat = statOf(out);
      if (outStat && !outStat.isDirectory()) throw new CliError(`--out ${opts.out} is a file, not a folder; choose an empty folder (it is created when missing)`);
      for (const d of ['accounts', 'policies']) {
        if (statOf(path.join(out, d))?.isFile()) throw new CliError(`--out ${opts.out} holds a file named ${d}, where the import writes the ${d}/ folder; choose another --out`);
      }
      const existing = ['accounts', 'policies'].filter((d) => fs.existsSync(path.join(out, d)) && fs.readdirSync(path.join(out, d)).length);
      if (existing.length && !opts.force) throw new CliError(`${out} already holds ${existing.join('/ and ')}/; choose an empty --out folder, or pass --force to overwrite`);
      const current = declaredSettings(opts.dir);
      const auditRoleName = opts.auditRole ?? current?.auditRole;
      const snapshot = opts.snapshot ? snapshotFile(opts.snapshot) : await collect(auditRoleName ?? 'LzkitAuditReadOnly', current?.homeRegion, opts.concurrency);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { writeImport } = require('../../audits/import') as typeof import('../../audits/import');
      const before = existing.flatMap((d) => filesUnder(out, d));
      // Written beside --out, then moved in: a failure halfway leaves --out as it was.
      const r = writeFolderWhole('--out', out, (staging) => writeImport(snapshot, staging, { severity: opts.severity as (typeof SEVERITIES)[number], auditRoleName }));
      const written = new Set(r.files.map((f) => path.normalize(f)));
      for (const stale of before.filter((f) => !written.has(f))) {
        process.stderr.write(`warning: ${path.join(opts.out, stale)} is from before this import (--force keeps it); remove it if it no longer applies\n`);
      }
      const d = r.declaration;
      const policies = [...d.policyFiles.keys()].filter((f) => !f.startsWith('permission-sets/')).length;
      process.stdout.write(`imported organization ${snapshot.organization.id} into ${out}: ${readOr(snapshot.organizationalUnits, []).length} OUs, ${readOr(snapshot.accounts, []).length} accounts, ${policies} policies`
        + `${d.accountsFiles.has('network.yaml') ? ', network' : ''}${d.accountsFiles.has('identity.yaml') ? ', identity' : ''} (${r.files.length} files)\n`);
      for (const note of d.notes) process.stdout.write(`note: ${note}\n`);
      for (const w of r.warnings) process.stderr.write(`warning: ${formatDiagnostic({ ...w, file: path.join(opts.out, w.file) })}\n`);
      if (r.errors.length) {
        process.stderr.write(`lzkit: the imported declaration was written but does not validate (${r.errors.length} error(s)); fix these, then run lzkit validate --dir ${opts.out}:\n`);
        for (const e of r.errors) process.stderr.write(`${formatDiagnostic({ ...e, file: path.join(opts.out, e.file) })}\n`);
        process.exitCode = 1;
      }
    });
}

/** Files below `root/sub`, relative to `root`. */
function filesUnder(root: string, sub: string): string[] {
  return fs.readdirSync(path.join(root, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(sub, e.name);
    return e.isDirectory() ? filesUnder(root, rel) : [path.normalize(rel)];
  });
}

/** Audit role and home region of the declaration in --dir, when there is a valid one. */
function declaredSettings(dir: string): { auditRole: string; homeRegion: string } | undefined {
  if (!fs.existsSync(path.join(dir, 'accounts'))) return undefined;
  const r = loadLandingZone(path.resolve(dir));
  return r.model ? { auditRole: r.model.organization.roles.audit, homeRegion: r.model.organization.homeRegion } : undefined;
}

function snapshotFile(file: string): Snapshot {
  try {
    return readSnapshot(file);
  } catch (e) {
    if (e instanceof SnapshotError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** Reads the live organization with the audit's collectors (read-only), as `lzkit audit` does. */
async function collect(auditRoleName: string, homeRegion: string | undefined, concurrency: number | undefined): Promise<Snapshot> {
  // The AWS SDK loads only when an import reads AWS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { collectSnapshot, OrganizationUnreadable } = require('../../audits/collect') as typeof import('../../audits/collect');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fromNodeProviderChain } = require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers');
  const credentials = fromNodeProviderChain();
  const noCredentials = (e: unknown) => new CliError(`no AWS credentials (${((e as Error)?.message ?? String(e)).split('\n')[0]}): set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for the management account, or import a saved snapshot with --snapshot FILE`, 2);
  try {
    await credentials();
  } catch (e) {
    throw noCredentials(e);
  }
  const region = process.env.AWS_REGION ?? homeRegion ?? 'us-east-1';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuditError, checkAwsReachable } = require('../../audits/audit') as typeof import('../../audits/audit');
  try {
    await checkAwsReachable(region, 'import a saved snapshot with --snapshot FILE');
  } catch (e) {
    if (e instanceof AuditError) throw new CliError(e.message, 2);
    throw e;
  }
  try {
    const r = await collectSnapshot({ region, credentials, auditRoleName, concurrency });
    const failed = r.snapshot.errors.filter((e) => e.scope === 'organization');
    for (const e of failed) process.stderr.write(`warning: could not read ${e.api}${e.resourceId ? ` (${e.resourceId})` : ''}: ${e.code}; the import lacks it\n`);
    return r.snapshot;
  } catch (e) {
    if ((e as Error).name === 'CredentialsProviderError') throw noCredentials(e);
    if (e instanceof OrganizationUnreadable) throw new CliError(e.message, 2);
    throw e;
  }
}
