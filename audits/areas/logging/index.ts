import { defineArea } from '../area';
import { ACTIONS } from './actions';
import { collectLogging, planLogging } from './collect';
import { completeLogging } from './complete';
import { COVERAGE } from './coverage';
import { logging, LOGGING_CATEGORIES } from './drift';
import { LOGGING_SERVICES } from './sandbox';
import { SCENARIOS } from './scenarios';
import { seedLogging } from './seed';

/** The organization trail in the management account, the log bucket and its key in the log archive account. */
export const loggingArea = defineArea({
  key: 'logging',
  declaredAt: (lz) => lz.logging?.source,
  actions: ACTIONS,
  categories: LOGGING_CATEGORIES,
  coverage: COVERAGE,
  plan: planLogging,
  collect: collectLogging,
  checks: [logging],
  // The archive key the audit read, for the late-bound key ARNs of the desired state.
  liveKeys: (desired, live) => {
    const want = desired.logging?.key;
    const arn = want ? live.key?.arn : undefined;
    return want && arn ? [{ account: want.account, key: want.name, arn }] : [];
  },
  sandbox: LOGGING_SERVICES,
  seed: seedLogging,
  scenarios: SCENARIOS,
  accountsEntered: (l) => [l.archiveAccountId, l.managementAccountId],
  complete: completeLogging,
});
