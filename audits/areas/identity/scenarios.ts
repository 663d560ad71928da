import type { DriftScenario, MutableSnapshot } from '../../sandbox/scenario';
import { need, partOf, read } from '../../sandbox/scenario';
import type { LiveIdentity } from './snapshot';

const identity = (s: MutableSnapshot) => partOf<LiveIdentity>(s, 'identity', 'IAM Identity Center');

/** Drift of the identity area, each on a deterministic victim. */
export const SCENARIOS: readonly DriftScenario[] = [
  {
    name: 'permission-set-edited', description: 'a permission set gets a longer session and AdministratorAccess in the console',
    apply: (s) => {
      const ps = need(identity(s).permissionSets.find((p) => !p.managedPolicies.includes('arn:aws:iam::aws:policy/AdministratorAccess')), 'permission set without AdministratorAccess');
      ps.sessionDuration = 'PT12H';
      ps.managedPolicies = [...ps.managedPolicies, 'arn:aws:iam::aws:policy/AdministratorAccess'].sort();
    },
  },
  {
    name: 'assignment-removed', description: 'an account assignment is deleted (the permission set stays provisioned)',
    apply: (s) => { need(identity(s).assignments.shift(), 'account assignment'); },
  },
  {
    name: 'assignment-added', description: 'a group gets a managed permission set in an account the declaration does not give it',
    apply: (s) => {
      const i = identity(s);
      for (const ps of i.permissionSets) {
        for (const a of read(s.accounts, 'accounts')) {
          for (const g of i.groups) {
            if (a.state !== 'ACTIVE' || i.assignments.some((x) => x.accountId === a.id && x.permissionSetArn === ps.arn && x.principalId === g.id)) continue;
            i.assignments.push({ accountId: a.id, permissionSetArn: ps.arn, principalType: 'GROUP', principalId: g.id });
            if (!ps.provisionedAccounts.includes(a.id)) ps.provisionedAccounts = [...ps.provisionedAccounts, a.id].sort();
            return;
          }
        }
      }
      throw new Error('every group already holds every permission set everywhere');
    },
  },
];
