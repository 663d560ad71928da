import { defineArea } from '../area';
import { ACTIONS } from './actions';
import { collectSecurityServices, planSecurityServices, recorderCollector } from './collect';
import { COVERAGE } from './coverage';
import { accessAnalyzer, config, guardDuty, securityHub, SECURITY_SERVICES_CATEGORIES } from './drift';
import { importSecurityServices } from './import';
import { SECURITY_SERVICES } from './sandbox';
import { SCENARIOS } from './scenarios';
import { seedRecorders, seedSecurityServices } from './seed';

/** GuardDuty, Security Hub, AWS Config and IAM Access Analyzer from the administrator account; each account's Config recorders. */
export const securityServicesArea = defineArea({
  key: 'securityServices',
  declaredAt: (lz) => lz.securityServices?.source,
  actions: ACTIONS,
  categories: SECURITY_SERVICES_CATEGORIES,
  coverage: COVERAGE,
  plan: planSecurityServices,
  collect: collectSecurityServices,
  accountCollector: recorderCollector,
  checks: [guardDuty, securityHub, config, accessAnalyzer],
  sandbox: SECURITY_SERVICES,
  seed: seedSecurityServices,
  seedAccount: seedRecorders,
  scenarios: SCENARIOS,
  accountsEntered: (s) => [s.administratorAccountId],
  import: importSecurityServices,
});
