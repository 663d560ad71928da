import { compliantAccountState } from './baseline';
import { isNotRead } from '../../readable';
import { read, type DriftScenario, type MutableSnapshot } from '../../sandbox/scenario';

const accountsOf = (s: MutableSnapshot) => read(s.accounts, 'accounts');
const members = (s: MutableSnapshot) => accountsOf(s).filter((a) => a.id !== s.organization.managementAccountId && a.state === 'ACTIVE');
const ousOf = (s: MutableSnapshot) => read(s.organizationalUnits, 'OUs');
const policiesOf = (s: MutableSnapshot) => read(s.policies, 'policies');
const customerPolicies = (s: MutableSnapshot, type: string) => policiesOf(s).filter((p) => !p.awsManaged && p.type === type);
const targetsOf = (p: ReturnType<typeof policiesOf>[number]) => read(p.targets, `targets of ${p.name}`);

/** Drift of the organization core, each on a deterministic victim. */
export const SCENARIOS: readonly DriftScenario[] = [
  {
    name: 'scp-detached', description: 'a customer SCP is detached from its first target',
    apply: (s) => {
      const p = customerPolicies(s, 'SERVICE_CONTROL_POLICY').find((x) => targetsOf(x).length > 0);
      if (!p) throw new Error('no attached customer SCP to detach');
      targetsOf(p).shift();
    },
  },
  {
    name: 'scp-edited', description: 'a statement is added to a customer SCP in the console',
    apply: (s) => {
      const p = customerPolicies(s, 'SERVICE_CONTROL_POLICY')[0];
      if (!p) throw new Error('no customer SCP to edit');
      const doc = JSON.parse(read(p.content, `document of ${p.name}`)) as { Statement: unknown[] };
      doc.Statement.push({ Sid: 'ConsoleEdit', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' });
      p.content = JSON.stringify(doc);
    },
  },
  {
    name: 'account-moved', description: 'a member account is moved to another OU',
    apply: (s) => {
      const a = members(s)[0];
      if (!a) throw new Error('no member account to move');
      const to = ousOf(s).find((o) => o.id !== a.parentId);
      a.parentId = to?.id ?? s.root.id;
      a.paths = [`${s.organization.id}/${s.root.id}/${to ? `${to.id}/` : ''}${a.id}/`];
    },
  },
  {
    name: 'unmanaged-account', description: 'an account the declaration does not know joins the organization',
    apply: (s) => {
      let id = 990000000001;
      while (accountsOf(s).some((a) => a.id === String(id))) id++;
      const parent = ousOf(s)[0];
      const account = {
        id: String(id), name: 'shadow-it', email: 'shadow-it@example.com', state: 'ACTIVE', parentId: parent?.id ?? s.root.id, joinedMethod: 'INVITED',
        paths: [`${s.organization.id}/${s.root.id}/${parent ? `${parent.id}/` : ''}${id}/`],
      };
      accountsOf(s).push(account);
      s.accountStates[account.id] = compliantAccountState() as MutableSnapshot['accountStates'][string];
      for (const p of policiesOf(s).filter((x) => x.awsManaged && targetsOf(x).length > 0)) targetsOf(p).push(account.id);
    },
  },
  {
    name: 'ou-deleted', description: 'a leaf OU is deleted after its accounts were moved to its parent',
    apply: (s) => {
      const ous = ousOf(s);
      const leaf = [...ous].reverse().find((o) => !ous.some((c) => c.parentId === o.id));
      if (!leaf) throw new Error('no OU to delete');
      for (const a of accountsOf(s)) {
        if (a.parentId !== leaf.id) continue;
        a.parentId = leaf.parentId;
        a.paths = a.paths.map((p) => p.replace(`/${leaf.id}/`, '/'));
      }
      s.organizationalUnits = ous.filter((o) => o.id !== leaf.id);
      for (const p of policiesOf(s)) p.targets = targetsOf(p).filter((t) => t !== leaf.id);
    },
  },
  {
    name: 'trusted-access-disabled', description: 'trusted access of the first trusted service is disabled',
    apply: (s) => {
      const trusted = read(s.trustedServices, 'trusted services');
      if (!trusted.length) throw new Error('no trusted service to disable');
      trusted.shift();
    },
  },
  {
    name: 'root-keys', description: 'the root user of a member account creates access keys',
    apply: (s) => {
      const summaryOf = (id: string) => {
        const state = s.accountStates[id];
        return state && !isNotRead(state) && !isNotRead(state.iam.summary) ? state.iam.summary : undefined;
      };
      const a = members(s).find((m) => summaryOf(m.id));
      if (!a) throw new Error('no member account with an account summary');
      summaryOf(a.id)!.accountAccessKeysPresent = true;
    },
  },
  {
    name: 'account-suspended', description: 'a member account is suspended (Organizations reports its State as SUSPENDED)',
    apply: (s, context) => {
      // One that no declared area is read in: entering those is another matter (unauditable).
      const areas = context.accountsEnteredByAreas(s);
      const a = members(s).find((m) => !areas.has(m.id));
      if (!a) throw new Error('no active member account outside the logging, network and identity areas to suspend');
      a.state = 'SUSPENDED';
      // A suspended account cannot be entered: the audit reads nothing inside it.
      delete s.accountStates[a.id];
    },
  },
];
