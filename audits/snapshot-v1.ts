import { notRead, type CollectionError, type NotRead, type Readable } from './readable';
import { SNAPSHOT_SCHEMA_VERSION, withErrorsForUnreadParts, type CoreSnapshot, type LiveAccount, type LiveAccountState, type LivePolicy } from './snapshot-core';

/** A version 1 snapshot read as version 2: the core, and the areas version 1 had (checked by the caller's type). */
export type UpgradedSnapshot = CoreSnapshot & { readonly logging?: unknown; readonly network?: unknown; readonly identity?: unknown };

/**
 * Version 1 snapshots (lzkit before read markers) read as version 2. Version 1 wrote an empty
 * list, or left a field out, where a read failed, and recorded the failure in `errors`; here each
 * such part becomes NotRead from the errors that explain it, and a part absent with no error is
 * NotRead too (with an error added), so an old snapshot never audits clean for what it lacked.
 * Accounts had `status` (Organizations' retiring Account.Status): it becomes `state`, and their
 * `paths` are rebuilt from the tree the snapshot holds.
 */
export function upgradeV1(v1: Record<string, unknown>): UpgradedSnapshot {
  type V1 = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const s = v1 as V1;
  const errors = ((s.errors ?? []) as CollectionError[]).map((e) => ({ ...e }));
  const failed = (api: string, resourceId?: string): boolean => errors.some((e) => e.api === api && (resourceId === undefined || e.resourceId === resourceId));
  const apisOf = (services: readonly string[]): string[] => errors.filter((e) => services.includes(e.api.split(':')[0])).map((e) => e.api);
  const unless = <T>(apis: string[], value: T): Readable<T> => (apis.length ? notRead(apis) : value);
  const org = (api: string): string[] => (failed(`organizations:${api}`) ? [`organizations:${api}`] : []);

  const treeFailed = org('ListOrganizationalUnitsForParent');
  const ous = (s.organizationalUnits ?? []) as { id: string; parentId: string }[];
  const parentOf = new Map(ous.map((o) => [o.id, o.parentId]));
  const pathOf = (account: { id: string; parentId: string }): string => {
    const chain: string[] = [];
    for (let p: string | undefined = account.parentId; p && p !== s.root.id && chain.length < 10; p = parentOf.get(p)) chain.unshift(p);
    return [s.organization.id, s.root.id, ...chain, account.id].join('/') + '/';
  };
  const accounts = ((s.accounts ?? []) as V1[]).map(({ status, ...a }): LiveAccount => ({ ...(a as LiveAccount), state: status ?? 'ACTIVE', paths: [pathOf(a as LiveAccount)] }));

  const accountStates: Record<string, Readable<LiveAccountState>> = {};
  for (const [id, state] of Object.entries((s.accountStates ?? {}) as Record<string, V1>)) {
    if (failed('sts:AssumeRole', id)) { accountStates[id] = notRead(['sts:AssumeRole']); continue; }
    const iam = state.iam ?? {};
    accountStates[id] = {
      iam: {
        summary: iam.summary ?? notRead(['iam:GetAccountSummary']),
        passwordPolicy: iam.passwordPolicy !== undefined ? iam.passwordPolicy : notRead(['iam:GetAccountPasswordPolicy']),
      },
    };
  }
  for (const a of accounts) {
    if (a.state === 'ACTIVE' && !accountStates[a.id]) accountStates[a.id] = notRead(['sts:AssumeRole']);
  }

  const upgraded: UpgradedSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: s.collectedAt ?? '',
    region: s.region ?? 'us-east-1',
    organization: s.organization,
    root: s.root,
    trustedServices: unless(org('ListAWSServiceAccessForOrganization'), s.trustedServices ?? []),
    delegatedAdministrators: unless(org('ListDelegatedAdministrators'), ((s.delegatedAdministrators ?? []) as V1[]).map((d) => ({
      accountId: d.accountId,
      servicePrincipals: failed('organizations:ListDelegatedServicesForAccount', d.accountId) ? notRead(['organizations:ListDelegatedServicesForAccount']) : d.servicePrincipals,
    }))),
    organizationalUnits: unless(treeFailed, s.organizationalUnits),
    accounts: unless([...treeFailed, ...org('ListAccountsForParent')], accounts),
    // Version 1 left out a policy whose DescribePolicy failed: the list is incomplete then.
    policies: unless([...org('ListPolicies'), ...org('DescribePolicy')], ((s.policies ?? []) as V1[]).map((p) => ({ ...p }) as LivePolicy)),
    accountStates,
    errors,
    ...area('logging', s.logging, apisOf(['cloudtrail', 's3', 'kms']), upgradeLogging),
    ...area('network', s.network, apisOf(['ec2', 'ram']), upgradeNetwork),
    ...area('identity', s.identity, apisOf(['sso', 'identitystore']), (i) => i),
  };
  return withErrorsForUnreadParts(upgraded, 'a version 1 snapshot without it');
}

/** An area of version 1: kept when present (its unread fields marked), NotRead when absent with errors, else absent. */
function area<K extends 'logging' | 'network' | 'identity', T>(key: K, v: unknown, apis: string[], upgrade: (v: any, apis: string[]) => T): { [k in K]?: T | NotRead } { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (v !== undefined && v !== null) return { [key]: upgrade(v, apis) } as { [k in K]: T };
  return apis.length ? { [key]: notRead(apis) } as { [k in K]: NotRead } : {};
}

/** Version 1 left out the VPCs of an owner account it could not read (or all, before it read VPCs). */
function upgradeNetwork(n: any, apis: string[]): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
  const vpcErrors = apis.filter((a) => a === 'ec2:DescribeVpcs' || a === 'ec2:DescribeSubnets');
  return { ...n, vpcs: n.vpcs === undefined ? notRead(['ec2:DescribeVpcs']) : vpcErrors.length ? notRead(vpcErrors) : n.vpcs };
}

/** Version 1 left a logging setting out (undefined) when its read failed; null meant "none". */
function upgradeLogging(l: any): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
  const or = <T>(v: T | undefined, api: string): Readable<T> => (v === undefined ? notRead([api]) : v);
  const b = l.bucket;
  const k = l.key;
  return {
    managementAccountId: l.managementAccountId,
    archiveAccountId: l.archiveAccountId,
    trails: l.trails === undefined ? notRead(['cloudtrail:DescribeTrails'])
      : l.trails.map((t: any) => ({ ...t, isLogging: or(t.isLogging, 'cloudtrail:GetTrailStatus') })), // eslint-disable-line @typescript-eslint/no-explicit-any
    bucket: b === undefined ? notRead(['s3:GetBucketPolicy']) : b === null ? null : {
      name: b.name,
      policy: or(b.policy, 's3:GetBucketPolicy'),
      encryption: or(b.encryption, 's3:GetBucketEncryption'),
      versioning: or(b.versioning, 's3:GetBucketVersioning'),
      publicAccessBlock: or(b.publicAccessBlock, 's3:GetPublicAccessBlock'),
      logging: or(b.logging, 's3:GetBucketLogging'),
      lifecycle: or(b.lifecycle, 's3:GetBucketLifecycleConfiguration'),
    },
    key: k === undefined ? notRead(['kms:DescribeKey']) : k === null ? null : {
      ...k, rotationEnabled: or(k.rotationEnabled, 'kms:GetKeyRotationStatus'), policy: or(k.policy, 'kms:GetKeyPolicy'),
    },
  };
}
