import type { DesiredState } from '../desired';
import type { LandingZone } from '../model';
import type { App } from './cdktf';
import type { Movable } from './moves';

/** What the organization stack (OUs, the organization) and the account shard stacks (accounts) publish for the stacks after them. */
export interface OrganizationRefs {
  /** OU id: literal for adopted OUs, cross-stack reference for created ones (`Root` = root id). */
  ouId(path: string): string;
  /** Account id: literal for adopted accounts, cross-stack reference to its account shard for created ones. */
  accountId(name: string): string;
  /** Organization id (literal when adopted). */
  readonly organizationId: string;
}

/** Cross-stack references, filled in as stacks are built (later stacks read earlier ones). */
export interface SharedRefs {
  organization?: OrganizationRefs;
  /** Published by the logging stack. */
  logging?: { readonly bucketName: string; readonly bucketArn: string; readonly flowLogPrefix: string };
  /** Published by the network stack. */
  network?: { readonly transitGatewayId: string };
  /** Published by the audit stack. */
  audit?: { readonly reportBucketName: string; readonly topicArn: string; readonly functionRoleArn: string };
}

export interface StackContext {
  readonly app: App;
  readonly lz: LandingZone;
  /** What to deploy: the stacks render it, nothing else. */
  readonly desired: DesiredState;
  readonly refs: SharedRefs;
  /** ARN references of the KMS keys built so far, by `account/name` (stacks/resolve.ts keyRef). */
  readonly keys: Map<string, string>;
  /** Id references of the member accounts the account stacks create, by name. */
  readonly accountIds: Map<string, string>;
  /** Resources whose stack follows the shard rule, registered as they are built (stacks/moves.ts). */
  readonly movables: Movable[];
}

export type StackBuilder = (ctx: StackContext) => void;

/** A fresh context for one app: no stack built yet. */
export function stackContext(app: App, lz: LandingZone, desired: DesiredState): StackContext {
  return { app, lz, desired, refs: {}, keys: new Map(), accountIds: new Map(), movables: [] };
}
