import type { LiveAccount, Snapshot } from '../snapshot';
import { compliantAccountState } from './baseline';
import { AREA_SCENARIOS } from './area-scenarios';

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
export type MutableSnapshot = Mutable<Snapshot>;

/**
 * A named change to a perfectly deployed organization, as someone with console access would
 * make it. Each scenario picks its victim deterministically, so tests and demos can predict it.
 */
export interface DriftScenario {
  readonly name: string;
  readonly description: string;
  /** Mutates the copy it is given; throws when the organization offers nothing to drift. */
  apply(s: MutableSnapshot): void;
}

const members = (s: MutableSnapshot): Mutable<LiveAccount>[] =>
  s.accounts.filter((a) => a.id !== s.organization.managementAccountId && a.status === 'ACTIVE');
const customerPolicies = (s: MutableSnapshot, type: string) => s.policies.filter((p) => !p.awsManaged && p.type === type);

const SCENARIOS: DriftScenario[] = [
  {
    name: 'scp-detached', description: 'a customer SCP is detached from its first target',
    apply: (s) => {
      const p = customerPolicies(s, 'SERVICE_CONTROL_POLICY').find((x) => x.targets.length > 0);
      if (!p) throw new Error('no attached customer SCP to detach');
      p.targets.shift();
    },
  },
  {
    name: 'scp-edited', description: 'a statement is added to a customer SCP in the console',
    apply: (s) => {
      const p = customerPolicies(s, 'SERVICE_CONTROL_POLICY')[0];
      if (!p) throw new Error('no customer SCP to edit');
      const doc = JSON.parse(p.content) as { Statement: unknown[] };
      doc.Statement.push({ Sid: 'ConsoleEdit', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' });
      p.content = JSON.stringify(doc);
    },
  },
  {
    name: 'account-moved', description: 'a member account is moved to another OU',
    apply: (s) => {
      const a = members(s)[0];
      if (!a) throw new Error('no member account to move');
      const to = s.organizationalUnits.find((o) => o.id !== a.parentId);
      a.parentId = to?.id ?? s.root.id;
    },
  },
  {
    name: 'unmanaged-account', description: 'an account the declaration does not know joins the organization',
    apply: (s) => {
      let id = 990000000001;
      while (s.accounts.some((a) => a.id === String(id))) id++;
      const account = { id: String(id), name: 'shadow-it', email: 'shadow-it@example.com', status: 'ACTIVE', parentId: s.organizationalUnits[0]?.id ?? s.root.id, joinedMethod: 'INVITED' };
      s.accounts.push(account);
      s.accountStates[account.id] = compliantAccountState();
      for (const p of s.policies.filter((x) => x.awsManaged && x.targets.length > 0)) p.targets.push(account.id);
    },
  },
  {
    name: 'ou-deleted', description: 'a leaf OU is deleted after its accounts were moved to its parent',
    apply: (s) => {
      const leaf = [...s.organizationalUnits].reverse().find((o) => !s.organizationalUnits.some((c) => c.parentId === o.id));
      if (!leaf) throw new Error('no OU to delete');
      for (const a of s.accounts) if (a.parentId === leaf.id) a.parentId = leaf.parentId;
      s.organizationalUnits = s.organizationalUnits.filter((o) => o.id !== leaf.id);
      for (const p of s.policies) p.targets = p.targets.filter((t) => t !== leaf.id);
    },
  },
  {
    name: 'trusted-access-disabled', description: 'trusted access of the first trusted service is disabled',
    apply: (s) => {
      if (!s.trustedServices.length) throw new Error('no trusted service to disable');
      s.trustedServices.shift();
    },
  },
  {
    name: 'root-keys', description: 'the root user of a member account creates access keys',
    apply: (s) => {
      const a = members(s).find((m) => s.accountStates[m.id]?.iam?.summary);
      if (!a) throw new Error('no member account with an account summary');
      const state = s.accountStates[a.id];
      s.accountStates[a.id] = { ...state, iam: { ...state.iam, summary: { accountMfaEnabled: true, ...state.iam?.summary, accountAccessKeysPresent: true } } };
    },
  },
  ...AREA_SCENARIOS,
];

/** Scenarios by name; part 2 registers logging, network and identity scenarios here. */
export const DRIFT_SCENARIOS: ReadonlyMap<string, DriftScenario> = new Map(SCENARIOS.map((x) => [x.name, x]));

export function registerScenario(s: DriftScenario): void {
  (DRIFT_SCENARIOS as Map<string, DriftScenario>).set(s.name, s);
}

/** Applies the named scenarios in order to a copy of `snapshot`. */
export function applyDrift(snapshot: Snapshot, names: readonly string[]): Snapshot {
  const copy = structuredClone(snapshot) as MutableSnapshot;
  for (const name of names) {
    const scenario = DRIFT_SCENARIOS.get(name);
    if (!scenario) throw new Error(`unknown drift scenario '${name}'; known: ${[...DRIFT_SCENARIOS.keys()].join(', ')}`);
    scenario.apply(copy);
  }
  return copy as Snapshot;
}
