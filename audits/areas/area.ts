import type { DesiredState } from '../../desired';
import type { LandingZone } from '../../model/landing-zone';
import type { SourceLocation } from '../../model/types';
import type { AccountCollector, CollectContext, PlanContext } from '../collect/context';
import type { AreaCheck, DriftCheck } from '../drift/context';
import type { Coverage } from '../drift/coverage-entry';
import type { LiveIds, LiveKeyArn } from '../drift/desired';
import type { CategoryInfo } from '../drift/finding';
import type { ReadView } from '../drift/unread';
import type { ImportedDeclaration, ImportOptions } from '../import/types';
import type { CollectionError, NotRead, Readable } from '../readable';
import type { DriftScenario } from '../sandbox/scenario';
import type { SandboxService } from '../sandbox/service';
import type { CoreSnapshot } from '../snapshot-core';

/** The IAM actions an area's collectors call: its share of the read-only audit role. */
export interface AreaActions {
  /** Every action its collectors call, each of access level List or Read. */
  readonly actions: readonly string[];
  /** IAM service prefix of each AWS SDK v3 client package its collectors import. */
  readonly sdkPackages: Readonly<Record<string, string>>;
  /** SDK operations whose IAM action has another name (`s3:GetBucketEncryption` -> `s3:GetEncryptionConfiguration`). */
  readonly renamed?: Readonly<Record<string, string>>;
}

/** What an area's seed reads: the desired state resolved with the sandbox's ids, and those ids. */
export interface SeedContext {
  readonly lz: LandingZone;
  readonly desired: DesiredState;
  readonly ids: LiveIds;
  readonly managementAccountId: string;
}

/**
 * One audit area: everything the audit does for one section of the declaration, in one folder
 * (audits/areas/<area>/): which accounts it reads and how (collect), what it compares with the
 * desired state (checks, coverage, categories), how the sandbox answers for it (services, seed,
 * scenarios), what `lzkit import` writes from it, and its share of the audit role's actions.
 * Its part of the snapshot is `snapshot[key]`. Areas are listed in audits/areas/index.ts, and
 * nowhere else.
 */
export interface AuditArea<K extends string = string, Live = unknown, Plan = unknown, C extends string = string> {
  readonly key: K;
  /** Where the declaration has the area's section; undefined when it does not (nothing is read then). */
  declaredAt(lz: LandingZone): SourceLocation | undefined;
  readonly actions: AreaActions;
  readonly categories: readonly CategoryInfo<C>[];
  /** What of its part of the desired state the audit compares, uses to locate, or does not check (and why). */
  readonly coverage: readonly Coverage[];

  /** Which accounts and names to read, from the organization read so far (NotRead: the area cannot be read). */
  plan(ctx: PlanContext): Plan | NotRead;
  /** Reads the area once per organization; what fails is recorded and marked NotRead. */
  collect(ctx: CollectContext, plan: Plan): Promise<Readable<Live>>;
  /** Reads something inside every entered account, when the declaration asks for it. */
  accountCollector?(lz: LandingZone): AccountCollector | undefined;

  readonly checks: readonly AreaCheck<string, Live>[];
  /** The KMS keys the area read, for the late-bound key ARNs of the desired state. */
  liveKeys?(desired: DesiredState, live: ReadView<Live>): readonly LiveKeyArn[];

  readonly sandbox: readonly SandboxService[];
  /** The area as its stack deploys it (the sandbox's perfect deployment), or undefined when nothing is deployed. */
  seed(ctx: SeedContext): Live | undefined;
  /** What its account collector reads in one account of a perfect deployment. */
  seedAccount?(ctx: SeedContext, accountId: string): unknown;
  readonly scenarios: readonly DriftScenario[];
  /** Accounts the area's reads enter (scenarios that suspend an account leave them alone). */
  accountsEntered?(live: Live): readonly string[];
  /** Its part of a snapshot of an older lzkit, with the settings that lzkit did not read marked not read, each with its error (`absent` is its code). */
  complete?(live: Live, absent: string): { live: Live; errors: CollectionError[] };

  /** Writes the area's file (and policies) from its part of the snapshot. */
  import?(s: CoreSnapshot, live: Readable<Live> | undefined, d: ImportedDeclaration): void;
}

/** An area, its literal key and category ids kept for the registry's types. */
export function defineArea<const K extends string, Live, Plan, const C extends string>(area: AuditArea<K, Live, Plan, C>): AuditArea<K, Live, Plan, C> {
  return area;
}

/**
 * The organization core: what every audit reads and checks whatever the declaration holds (the
 * organization, its tree, guardrails, delegated administrators, root access, IAM's account
 * settings). Its parts are the snapshot's top level; it is read first, and the areas plan from it.
 */
export interface CoreArea<C extends string = string> {
  readonly actions: AreaActions;
  readonly categories: readonly CategoryInfo<C>[];
  readonly coverage: readonly Coverage[];
  readonly accountCollector: AccountCollector;
  readonly checks: readonly DriftCheck[];
  /** Parts an older snapshot lacks though the declaration needs them, marked not read with an error (`absent` is its code). */
  complete(lz: LandingZone, s: CoreSnapshot, absent: string): { parts: Partial<CoreSnapshot>; errors: CollectionError[] };
  readonly sandbox: readonly SandboxService[];
  /** The core as the desired state deploys it, the ids it gave, and the desired state resolved with them. */
  seed(lz: LandingZone, desired: DesiredState): { core: CoreSnapshot; ids: LiveIds; resolved: DesiredState };
  readonly scenarios: readonly DriftScenario[];
  import(s: CoreSnapshot, o: ImportOptions): ImportedDeclaration;
}
