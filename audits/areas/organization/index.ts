import type { CoreArea } from '../area';
import { ACTIONS } from './actions';
import { ORGANIZATION_CATEGORIES } from './categories';
import { iamCollector } from './collect';
import { completeCore } from './complete';
import { COVERAGE } from './coverage';
import { accountSecurity, rootAccess } from './drift/account-security';
import { effectivePolicies } from './drift/effective';
import { awsManagedPolicies, guardrails } from './drift/guardrails';
import { accounts, delegatedAdministrators, organizationalUnits, policyTypes, trustedAccess } from './drift/organization';
import { declarationFromSnapshot } from './import';
import { ORGANIZATION_SERVICES } from './sandbox';
import { SCENARIOS } from './scenarios';
import { seedOrganization } from './seed';

export { collectOrganization, describeOrganization, OrganizationUnreadable, readRoot, type Tree } from './collect';

/** The organization core: its checks run first, in this order (the organization before what depends on it). */
export const organizationArea = {
  actions: ACTIONS,
  categories: ORGANIZATION_CATEGORIES,
  coverage: COVERAGE,
  accountCollector: iamCollector,
  checks: [trustedAccess, policyTypes, delegatedAdministrators, organizationalUnits, accounts, guardrails, awsManagedPolicies, effectivePolicies, rootAccess, accountSecurity],
  complete: completeCore,
  sandbox: ORGANIZATION_SERVICES,
  seed: seedOrganization,
  scenarios: SCENARIOS,
  import: declarationFromSnapshot,
} satisfies CoreArea<(typeof ORGANIZATION_CATEGORIES)[number]['id']>;
