import { defineArea } from '../area';
import { ACTIONS } from './actions';
import { collectIdentity, planIdentity } from './collect';
import { COVERAGE } from './coverage';
import { identity, IDENTITY_CATEGORIES } from './drift';
import { importIdentity } from './import';
import { IDENTITY_SERVICES } from './sandbox';
import { SCENARIOS } from './scenarios';
import { seedIdentity } from './seed';

/** IAM Identity Center in its administrator account: permission sets, groups, users, assignments. */
export const identityArea = defineArea({
  key: 'identity',
  declaredAt: (lz) => lz.identity?.source,
  actions: ACTIONS,
  categories: IDENTITY_CATEGORIES,
  coverage: COVERAGE,
  plan: planIdentity,
  collect: collectIdentity,
  checks: [identity],
  sandbox: IDENTITY_SERVICES,
  seed: seedIdentity,
  scenarios: SCENARIOS,
  accountsEntered: (i) => [i.accountId],
  import: importIdentity,
});
