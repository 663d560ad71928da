import { isNotRead, type Snapshot } from '../snapshot';
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

/** A part of the organization to drift; a part the snapshot could not read offers nothing. */
export function read<T>(v: T | { notRead: string[] }, what: string): T {
  if (isNotRead(v)) throw new Error(`the snapshot could not read the ${what} (${v.notRead.join(', ')}): nothing to drift there`);
  return v as T;
}

const accountsOf = (s: MutableSnapshot) => read(s.accounts, 'accounts');
const members = (s: MutableSnapshot) => accountsOf(s).filter((a) => a.id !== s.organization.managementAccountId && a.state === 'ACTIVE');
const ousOf = (s: MutableSnapshot) => read(s.organizationalUnits, 'OUs');
const policiesOf = (s: MutableSnapshot) => read(s.policies, 'policies');
const customerPolicies = (s: MutableSnapshot, type: string) => policiesOf(s).filter((p) => !p.awsManaged && p.type === type);
const targetsOf = (p: ReturnType<typeof policiesOf>[number]) => read(p.targets, `targets of ${p.name}`);

/** Accounts the logging, network and identity reads enter. */
function areaAccounts(s: MutableSnapshot): Set<string> {
  const out = new Set<string>();
  const l = s.logging && !isNotRead(s.logging) ? s.logging : undefined;
  const n = s.network && !isNotRead(s.network) ? s.network : undefined;
  const i = s.identity && !isNotRead(s.identity) ? s.identity : undefined;
  if (l) out.add(l.archiveAccountId).add(l.managementAccountId);
  if (n) for (const id of [n.accountId, ...n.attachments.map((a) => a.resourceOwnerId)]) out.add(id);
  if (i) out.add(i.accountId);
  return out;
}

const SCENARIOS: DriftScenario[] = [
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
    apply: (s) => {
      // One that no declared area is read in: entering those is another matter (unauditable).
      const areas = areaAccounts(s);
      const a = members(s).find((m) => !areas.has(m.id));
      if (!a) throw new Error('no active member account outside the logging, network and identity areas to suspend');
      a.state = 'SUSPENDED';
      // A suspended account cannot be entered: the audit reads nothing inside it.
      delete s.accountStates[a.id];
    },
  },
  ...AREA_SCENARIOS,
];

/** Scenarios by name (the area scenarios of area-scenarios.ts among them); `registerScenario` adds more. */
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
