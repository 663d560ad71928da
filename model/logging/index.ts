import { suggest } from '../organization';
import { roleAccount, type Section, type SectionContext } from '../section';
import { accountMayExist } from '../targets';
import type { KeyReader, LoggingDeclaration, LogLifecycle, NagAcknowledgement, NagPackName } from './types';

export type { KeyReader, LoggingDeclaration, LogLifecycle, NagAcknowledgement, NagPackName, NagSettings, ObjectLockRetention } from './types';

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
export const DEFAULT_NAG_PACKS: readonly NagPackName[] = ['AwsSolutions', 'NIST.800.53.R5'];
/** S3 refuses a STANDARD_IA transition earlier than 30 days after creation. */
const MIN_IA_DAYS = 30;
const MIN_REASON = 10;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

interface RawLogging {
  logArchiveAccount?: string;
  bucket?: { namePrefix?: string; lifecycle?: { transitionToInfrequentAccessDays?: number; transitionToGlacierDays?: number; expirationDays?: number }; objectLock?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number } };
  kms?: { readers?: string[] };
  trail?: { name?: string; logFileValidation?: boolean; cloudWatchLogs?: { retentionDays?: number }; dataEvents?: { s3?: boolean; lambda?: boolean } };
  flowLogs?: { prefix?: string };
  nag?: { packs?: NagPackName[]; acknowledgements?: { rule: string; resource: string; reason?: string }[] };
}

/**
 * accounts/logging.yaml: the log archive (account, bucket, lifecycle, object lock, key readers),
 * the organization trail and the cdk-nag settings. The meaning pass checks accounts, days and
 * acknowledgement reasons; acknowledged rule ids and resources are checked by `lzkit nag`, which
 * has the packs and the synthesized app.
 */
export const loggingSection: Section<LoggingDeclaration> = {
  file: 'logging.yaml',
  schema: 'logging.schema.json',
  build: buildLogging,
};

function buildLogging(ctx: SectionContext): LoggingDeclaration {
  const { file, core, diagnostics: d } = ctx;
  const raw = (file.data ?? {}) as RawLogging;
  const accountNames = [...core.accounts.keys()];

  const logArchiveAccount = roleAccount(ctx, raw.logArchiveAccount, {
    path: ['logArchiveAccount'], role: 'logArchive', label: 'log archive', missingCode: 'LOG_ARCHIVE_ACCOUNT_MISSING',
    notManagement: { code: 'LOG_ARCHIVE_IS_MANAGEMENT', why: 'the log archive must not be the management account (its logs would be editable by whoever runs the organization); name a dedicated account' },
  });

  const lc = raw.bucket?.lifecycle ?? {};
  const lifecycle: LogLifecycle = {
    transitionToInfrequentAccessDays: lc.transitionToInfrequentAccessDays ?? (raw.bucket?.lifecycle ? undefined : 90),
    transitionToGlacierDays: lc.transitionToGlacierDays ?? (raw.bucket?.lifecycle ? undefined : 365),
    expirationDays: lc.expirationDays ?? (raw.bucket?.lifecycle ? undefined : 2557),
    source: file.locate(['bucket', 'lifecycle']),
  };
  checkLifecycle(lifecycle, (k) => file.locate(['bucket', 'lifecycle', k]), d);

  const ol = raw.bucket?.objectLock;
  if (ol && ol.days <= 0) {
    d.error(file.locate(['bucket', 'objectLock', 'days']), 'OBJECT_LOCK_DAYS_INVALID', `objectLock.days must be a positive number of days, got ${ol.days}`);
  } else if (ol && lifecycle.expirationDays !== undefined && lifecycle.expirationDays < ol.days) {
    d.error(file.locate(['bucket', 'objectLock', 'days']), 'OBJECT_LOCK_OUTLIVES_EXPIRY',
      `objectLock.days (${ol.days}) is longer than lifecycle.expirationDays (${lifecycle.expirationDays}): expiry could not delete locked objects; shorten the lock or lengthen the expiry`);
  }

  const readers: KeyReader[] = (raw.kms?.readers ?? []).map((r, i): KeyReader => {
    const at = file.locate(['kms', 'readers', i]);
    if (r.startsWith('arn:')) {
      if (!ROLE_ARN.test(r)) d.error(at, 'INVALID_READER', `'${r}' is not an IAM role ARN (arn:aws:iam::123456789012:role/Name); name a role ARN or a declared account`);
      return { kind: 'role', arn: r, source: at };
    }
    if (!accountMayExist(core, r)) d.error(at, 'UNKNOWN_ACCOUNT', `key reader '${r}' is not a declared account${suggest(r, accountNames)}; name a declared account or a role ARN`);
    return { kind: 'account', account: r, source: at };
  });

  const retentionDays = raw.trail?.cloudWatchLogs?.retentionDays ?? 365;
  if (!CLOUDWATCH_RETENTION_DAYS.includes(retentionDays)) {
    d.error(file.locate(['trail', 'cloudWatchLogs', 'retentionDays']), 'LOG_RETENTION_INVALID',
      `CloudWatch Logs does not accept a retention of ${retentionDays} days; use one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')} (nearest: ${nearest(retentionDays)})`);
  }

  const acknowledgements: NagAcknowledgement[] = (raw.nag?.acknowledgements ?? []).map((a, i) => {
    const reason = (a.reason ?? '').trim();
    if (!reason) {
      d.error(file.locate(['nag', 'acknowledgements', i]), 'ACK_REASON_MISSING', `acknowledgement of ${a.rule} on ${a.resource} has no reason; add reason: with why this finding is accepted`);
    } else if (reason.length < MIN_REASON) {
      d.error(file.locate(['nag', 'acknowledgements', i, 'reason']), 'ACK_REASON_TOO_SHORT', `the reason '${reason}' is too short to explain anything; write at least ${MIN_REASON} characters`);
    }
    return {
      rule: a.rule, resource: a.resource, reason, source: file.locate(['nag', 'acknowledgements', i]),
      ruleSource: file.locate(['nag', 'acknowledgements', i, 'rule']), resourceSource: file.locate(['nag', 'acknowledgements', i, 'resource']),
    };
  });

  return Object.freeze({
    source: file.locate([]),
    logArchiveAccount,
    bucket: { namePrefix: raw.bucket?.namePrefix ?? 'lzkit-logs', lifecycle, source: file.locate(['bucket']), objectLock: ol ? { ...ol, source: file.locate(['bucket', 'objectLock']) } : undefined },
    kms: { readers, source: file.locate(['kms']) },
    trail: {
      name: raw.trail?.name ?? 'lzkit-organization-trail',
      logFileValidation: raw.trail?.logFileValidation ?? true,
      retentionDays,
      dataEvents: { s3: raw.trail?.dataEvents?.s3 ?? false, lambda: raw.trail?.dataEvents?.lambda ?? false },
      source: file.locate(['trail']),
    },
    flowLogs: { prefix: raw.flowLogs?.prefix ?? 'vpc-flow-logs', source: file.locate(['flowLogs']) },
    nag: { packs: raw.nag?.packs ?? DEFAULT_NAG_PACKS, acknowledgements, source: file.locate(['nag']) },
  });
}

function checkLifecycle(lc: LogLifecycle, at: (key: string) => import('../types').SourceLocation, d: SectionContext['diagnostics']): void {
  const steps: [keyof LogLifecycle & string, number | undefined][] = [
    ['transitionToInfrequentAccessDays', lc.transitionToInfrequentAccessDays],
    ['transitionToGlacierDays', lc.transitionToGlacierDays],
    ['expirationDays', lc.expirationDays],
  ];
  let previous: [string, number] | undefined;
  for (const [key, days] of steps) {
    if (days === undefined) continue;
    if (days <= 0) {
      d.error(at(key), 'LIFECYCLE_DAYS_INVALID', `lifecycle.${key} must be a positive number of days, got ${days}`);
      continue;
    }
    if (key === 'transitionToInfrequentAccessDays' && days < MIN_IA_DAYS) {
      d.error(at(key), 'LIFECYCLE_DAYS_INVALID', `S3 moves objects to STANDARD_IA no earlier than ${MIN_IA_DAYS} days after creation; set ${key} to ${MIN_IA_DAYS} or more`);
    }
    if (previous && days <= previous[1]) {
      d.error(at(key), 'LIFECYCLE_DAYS_ORDER', `lifecycle.${key} (${days}) must come after ${previous[0]} (${previous[1]}); order the days IA < Glacier < expiry`);
    }
    previous = [key, days];
  }
}

function nearest(days: number): number {
  return CLOUDWATCH_RETENTION_DAYS.reduce((best, v) => (Math.abs(v - days) < Math.abs(best - days) ? v : best));
}
