import { defineArea } from '../area';
import { ACTIONS } from './actions';
import { collectNetwork, planNetwork } from './collect';
import { COVERAGE } from './coverage';
import { network, NETWORK_CATEGORIES } from './drift';
import { importNetwork } from './import';
import { NETWORK_SERVICES } from './sandbox';
import { SCENARIOS } from './scenarios';
import { seedNetwork } from './seed';

/** The Transit Gateway hub in the network account, its RAM share, and the VPC behind each attachment. */
export const networkArea = defineArea({
  key: 'network',
  declaredAt: (lz) => lz.network?.source,
  actions: ACTIONS,
  categories: NETWORK_CATEGORIES,
  coverage: COVERAGE,
  plan: planNetwork,
  collect: collectNetwork,
  checks: [network],
  sandbox: NETWORK_SERVICES,
  seed: seedNetwork,
  scenarios: SCENARIOS,
  accountsEntered: (n) => [n.accountId, ...n.attachments.map((a) => a.resourceOwnerId)],
  import: importNetwork,
});
