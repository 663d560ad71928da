import type { AuditArea } from './area';
import { identityArea } from './identity';
import { loggingArea } from './logging';
import { networkArea } from './network';
import { organizationArea } from './organization';
import { securityServicesArea } from './security-services';
import type { Readable } from '../readable';
import type { CategoryInfo } from '../drift/finding';
import { UNAUDITABLE } from '../drift/finding';

/*
 * THE list of audit areas: the only place that names them. Every engine (collect, drift, sandbox,
 * import, the audit role's actions, the coverage) reads this list; no area registers itself, and
 * no area imports another (each builds only on the kernel: readable.ts, snapshot-core.ts, and the
 * engines' context types). Adding an area is a folder and one line here.
 */

/** The organization core: read first, always. */
export const CORE = organizationArea;

/** The areas of the declaration's optional sections, in the order their checks run. */
export const AREAS = [loggingArea, networkArea, identityArea, securityServicesArea] as const;

export type Area = (typeof AREAS)[number];
export type AreaKey = Area['key'];
/** What an area reads: its part of the snapshot. */
export type LiveOf<A> = A extends AuditArea<string, infer Live, unknown, string> ? Live : never;
/** Every area's part of the snapshot, under its key: present when the declaration has its section. */
export type AreaParts = { readonly [A in Area as A['key']]?: Readable<LiveOf<A>> };

/**
 * Every drift category: the organization core's, each area's, and `unauditable`. A closed union:
 * a category no area declares does not compile.
 */
export type Category = (typeof CORE)['categories'][number]['id'] | Area['categories'][number]['id'] | (typeof UNAUDITABLE)[number]['id'];

/** The areas as the engines run them (their own types erased). */
export const RUNNING_AREAS: readonly AuditArea[] = AREAS as unknown as readonly AuditArea[];

/** Every category with its severity, title and description (SARIF rules, JUnit sections). */
export const CATEGORY_INFO: readonly CategoryInfo<Category>[] = [...CORE.categories, ...AREAS.flatMap((a) => [...a.categories] as CategoryInfo<Category>[]), ...UNAUDITABLE];

export { collectOrganization, describeOrganization, OrganizationUnreadable, readRoot, type Tree } from './organization';
export { fakeAccountId } from './organization/seed';
