import { ROOT } from '../organization';
import { roleAccount, type Section, type SectionContext } from '../section';
import { checkTargets } from '../targets';
import type { NagAcknowledgement } from '../logging';
import type { SourceLocation, Targets } from '../types';

export const DEFAULT_AUDIT_SCHEDULE = 'cron(0 6 * * ? *)';
export const DEFAULT_FAN_OUT_THRESHOLD = 200;
export const DEFAULT_BATCH_SIZE = 25;
export const DEFAULT_REPORT_RETENTION_DAYS = 400;
/** A Distributed Map child workflow runs at most 10,000 items per batch; keep a batch well inside one function's 15 minutes. */
const MAX_BATCH_SIZE = 500;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export type NotificationProtocol = 'email' | 'email-json' | 'https' | 'http' | 'sqs' | 'lambda' | 'sms' | 'firehose';

/** One SNS subscription told when the findings change. */
export interface AuditNotification {
  readonly protocol: NotificationProtocol;
  readonly endpoint: string;
  readonly source: SourceLocation;
}

/** accounts/audit.yaml, validated. */
export interface AuditDeclaration {
  /** Account (name) running the audit function and keeping the reports. */
  readonly auditAccount: string;
  readonly schedule: { readonly expression: string; readonly timezone: string; readonly source: SourceLocation };
  readonly notifications: readonly AuditNotification[];
  readonly securityHubExport: boolean;
  /** Above `accountThreshold` declared accounts the run fans out by batches of `batchSize`. */
  readonly fanOut: { readonly accountThreshold: number; readonly batchSize: number; readonly source: SourceLocation };
  readonly reports: { readonly retentionDays: number; readonly bucketNamePrefix: string; readonly source: SourceLocation };
  /** Where the read-only audit role StackSet deploys (the management account always gets the role too). */
  readonly auditRole: { readonly targets: Targets; readonly alsoTrust: readonly string[]; readonly source: SourceLocation };
  /** cdk-nag findings on the audit stack accepted on purpose (merged with logging.yaml's by `lzkit nag`). */
  readonly nag: { readonly acknowledgements: readonly NagAcknowledgement[] };
  readonly source: SourceLocation;
}

interface RawAudit {
  auditAccount?: string;
  schedule?: { expression?: string; timezone?: string };
  notifications?: { protocol: NotificationProtocol; endpoint: string }[];
  securityHubExport?: boolean;
  fanOut?: { accountThreshold?: number; batchSize?: number };
  reports?: { retentionDays?: number; bucketNamePrefix?: string };
  auditRole?: { targets?: Targets; alsoTrust?: string[] };
  nag?: { acknowledgements?: { rule: string; resource: string; reason?: string }[] };
}

/**
 * accounts/audit.yaml: the scheduled drift audit. The meaning pass checks the account, the
 * schedule expression and time zone, the subscription endpoints, the fan-out numbers and the
 * role targets (service-managed StackSets deploy to OUs, so `accounts` is refused).
 */
export const auditSection: Section<AuditDeclaration> = {
  file: 'audit.yaml',
  schema: 'audit.schema.json',
  build: buildAudit,
};

function buildAudit(ctx: SectionContext): AuditDeclaration {
  const { file, core, diagnostics: d } = ctx;
  const raw = (file.data ?? {}) as RawAudit;

  const auditAccount = roleAccount(ctx, raw.auditAccount, {
    path: ['auditAccount'], role: 'audit', label: 'audit', missingCode: 'AUDIT_ACCOUNT_MISSING',
    notManagement: { code: 'AUDIT_IS_MANAGEMENT', why: 'the audit must not run in the management account (whoever can change the audit could hide drift); name a dedicated audit account' },
  });

  const expression = raw.schedule?.expression ?? DEFAULT_AUDIT_SCHEDULE;
  const expressionProblem = scheduleProblem(expression);
  if (expressionProblem) d.error(file.locate(['schedule', 'expression']), 'SCHEDULE_INVALID', `'${expression}' ${expressionProblem}`);
  const timezone = raw.schedule?.timezone ?? 'UTC';
  if (!isTimeZone(timezone)) {
    d.error(file.locate(['schedule', 'timezone']), 'TIMEZONE_INVALID', `'${timezone}' is not an IANA time zone; use a name such as UTC, Europe/Paris or America/New_York`);
  }

  const notifications = (raw.notifications ?? []).map((n, i): AuditNotification => {
    const at = file.locate(['notifications', i, 'endpoint']);
    const problem = endpointProblem(n.protocol, n.endpoint);
    if (problem) d.error(at, 'NOTIFICATION_ENDPOINT_INVALID', `${n.protocol} endpoint '${n.endpoint}' ${problem}`);
    return { protocol: n.protocol, endpoint: n.endpoint, source: file.locate(['notifications', i]) };
  });

  const accountThreshold = raw.fanOut?.accountThreshold ?? DEFAULT_FAN_OUT_THRESHOLD;
  const batchSize = raw.fanOut?.batchSize ?? DEFAULT_BATCH_SIZE;
  if (accountThreshold < 1) d.error(file.locate(['fanOut', 'accountThreshold']), 'FAN_OUT_INVALID', `fanOut.accountThreshold must be at least 1, got ${accountThreshold}`);
  if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    d.error(file.locate(['fanOut', 'batchSize']), 'FAN_OUT_INVALID', `fanOut.batchSize must be between 1 and ${MAX_BATCH_SIZE} accounts (one function run reads one batch), got ${batchSize}`);
  }

  const retentionDays = raw.reports?.retentionDays ?? DEFAULT_REPORT_RETENTION_DAYS;
  if (retentionDays < 1) d.error(file.locate(['reports', 'retentionDays']), 'RETENTION_INVALID', `reports.retentionDays must be a positive number of days, got ${retentionDays}`);

  const targets: Targets = raw.auditRole?.targets ?? { ous: [ROOT] };
  if (raw.auditRole?.targets) {
    const at = ['auditRole', 'targets'];
    checkTargets(core, targets, file, at, d);
    if (targets.accounts?.length) {
      d.error(file.locate([...at, 'accounts']), 'STACKSET_TARGETS_OUS_ONLY',
        'a service-managed StackSet deploys to OUs, not to single accounts; name the OUs (and excludeAccounts to leave accounts out)');
    }
  }

  const alsoTrust = raw.auditRole?.alsoTrust ?? [];
  alsoTrust.forEach((arn, i) => {
    if (!ROLE_ARN.test(arn)) {
      d.error(file.locate(['auditRole', 'alsoTrust', i]), 'INVALID_ROLE_ARN', `'${arn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/Name); the audit role trusts roles only`);
    }
  });

  return Object.freeze({
    source: file.locate([]),
    auditAccount,
    schedule: { expression, timezone, source: file.locate(['schedule']) },
    notifications,
    securityHubExport: raw.securityHubExport ?? false,
    fanOut: { accountThreshold, batchSize, source: file.locate(['fanOut']) },
    reports: { retentionDays, bucketNamePrefix: raw.reports?.bucketNamePrefix ?? 'lzkit-audit-reports', source: file.locate(['reports']) },
    auditRole: { targets, alsoTrust, source: file.locate(['auditRole']) },
    nag: { acknowledgements: acknowledgementsOf(raw, file, d) },
  });
}

const RATE = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;
const CRON = /^cron\((.*)\)$/;

/** Why an EventBridge Scheduler expression would be refused, or undefined when it is fine. */
export function scheduleProblem(expression: string): string | undefined {
  const rate = RATE.exec(expression);
  if (rate) return Number(rate[1]) >= 1 ? undefined : 'has a rate below 1; use rate(1 day) or more';
  if (AT.test(expression)) return undefined;
  const cron = CRON.exec(expression);
  if (!cron) return 'is not a schedule expression; use cron(min hour day-of-month month day-of-week year), rate(N unit) or at(yyyy-mm-ddThh:mm:ss)';
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return `has ${fields.length} cron fields; EventBridge cron has 6 (min hour day-of-month month day-of-week year), e.g. cron(0 6 * * ? *)`;
  const [, , dom, , dow] = fields;
  // EventBridge refuses both day fields set: one of them must be '?'.
  if ((dom === '?') === (dow === '?')) return 'must have exactly one of day-of-month and day-of-week set to ?, e.g. cron(0 6 * * ? *)';
  return undefined;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function endpointProblem(protocol: NotificationProtocol, endpoint: string): string | undefined {
  switch (protocol) {
    case 'email':
    case 'email-json':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(endpoint) ? undefined : 'is not an email address';
    case 'https':
    case 'http':
      return endpoint.startsWith(`${protocol}://`) ? undefined : `must start with ${protocol}://`;
    case 'sqs':
    case 'lambda':
    case 'firehose':
      return new RegExp(`^arn:aws[a-z-]*:${protocol}:`).test(endpoint) ? undefined : `must be the ARN of the ${protocol} resource (arn:aws:${protocol}:...)`;
    case 'sms':
      return /^\+\d{6,15}$/.test(endpoint) ? undefined : 'must be a phone number in E.164 form (+15555550100)';
  }
}

const MIN_REASON = 10;

/** As logging.yaml's: every acknowledgement says why, in a sentence. Rules and resources are checked by `lzkit nag`. */
function acknowledgementsOf(raw: RawAudit, file: SectionContext['file'], d: SectionContext['diagnostics']): NagAcknowledgement[] {
  return (raw.nag?.acknowledgements ?? []).map((a, i) => {
    const at = (...k: (string | number)[]) => file.locate(['nag', 'acknowledgements', i, ...k]);
    const reason = (a.reason ?? '').trim();
    if (!reason) d.error(at(), 'ACK_REASON_MISSING', `acknowledgement of ${a.rule} on ${a.resource} has no reason; add reason: with why this finding is accepted`);
    else if (reason.length < MIN_REASON) d.error(at('reason'), 'ACK_REASON_TOO_SHORT', `the reason '${reason}' is too short to explain anything; write at least ${MIN_REASON} characters`);
    return { rule: a.rule, resource: a.resource, reason, source: at(), ruleSource: at('rule'), resourceSource: at('resource') };
  });
}
