/**
 * Generates a synthetic but valid declaration of N accounts in a temp folder: N/10 OUs (8 top
 * level, the rest nested 8 wide), half of the OUs and accounts adopted by id, the repo's whole
 * guardrail library in policies/, and attachments that follow the example's pattern: each
 * generated OU plays the role of one example OU and gets that OU's guardrails, so quotas and
 * model checks hold exactly as they do for the example.
 *
 * Large organizations declare organization.shards.stacksPerOu as docs/stacks.md advises: each
 * top-level OU's resources spread so that its stacks fill about 70 % of the maximum.
 *
 * With `{ areas: true }` (the audit benchmark) it also writes logging.yaml, network.yaml,
 * identity.yaml and security-services.yaml, following the example's the same way (see
 * `writeAreas`). The default writes
 * none of them, so the synth benchmark measures what it always measured.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { DEFAULT_MAX_RESOURCES_PER_STACK } from '../model/shards';

interface RawOu { name: string; id?: string; children?: RawOu[] }
interface Attachment { policy: string; targets: { ous?: string[]; accounts?: string[]; excludeAccounts?: string[] } }

export interface GeneratedOrganization {
  readonly dir: string;
  readonly accounts: number;
  readonly ous: number;
  /** Spoke VPCs in network.yaml (0 without areas). */
  readonly spokes: number;
}

export interface GeneratorOptions {
  /** Also write logging.yaml, network.yaml, identity.yaml and security-services.yaml. @default false */
  readonly areas?: boolean;
}

const ROLE_ACCOUNTS = ['log-archive', 'audit', 'security-tooling', 'network', 'shared-services'];
/** The role accounts the example keeps in its Security OU (the first role); the others are in Infrastructure (the second). */
const SECURITY_ACCOUNTS = new Set(['log-archive', 'audit', 'security-tooling']);

export function generateOrganization(repo: string, accountCount: number, options: GeneratorOptions = {}): GeneratedOrganization {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-bench-'));
  fs.cpSync(path.join(repo, 'policies'), path.join(dir, 'policies'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'accounts'));
  const exampleOrg = parse(fs.readFileSync(path.join(repo, 'accounts', 'organization.yaml'), 'utf8')) as { organization: Record<string, unknown>; organizationalUnits: RawOu[] };
  const exampleGuardrails = parse(fs.readFileSync(path.join(repo, 'accounts', 'guardrails.yaml'), 'utf8')) as { parameters?: Record<string, unknown>; adoptedPolicies?: unknown; attachments: Attachment[] };

  // Example OU paths below the root, in declaration order: the roles generated OUs play.
  const roles: string[] = [];
  const walk = (ous: RawOu[] = [], parent = ''): void => ous.forEach((o) => {
    const p = parent ? `${parent}/${o.name}` : o.name;
    roles.push(p);
    walk(o.children, p);
  });
  walk(exampleOrg.organizationalUnits);

  const ouCount = Math.max(roles.length, Math.floor(accountCount / 10));
  const nodes: { raw: RawOu; path: string; role: string }[] = [];
  for (let i = 0; i < ouCount; i++) {
    const name = `ou-${String(i + 1).padStart(4, '0')}`;
    const raw: RawOu = { name, ...(i % 2 === 0 ? { id: `ou-bench-${String(i).padStart(8, '0')}` } : {}) };
    const parent = i < 8 ? undefined : nodes[Math.floor((i - 8) / 8)];
    if (parent) (parent.raw.children ??= []).push(raw);
    nodes.push({ raw, path: parent ? `${parent.path}/${name}` : name, role: roles[i % roles.length] });
  }
  const byRole = (role: string) => nodes.filter((n) => n.role === role).map((n) => n.path);

  const mgmt = String(exampleOrg.organization.managementAccount);
  const accounts: Record<string, unknown>[] = [{ name: mgmt, email: 'bench-management@example.com', id: '100000000000', ou: 'Root' }];
  ROLE_ACCOUNTS.forEach((name, i) => accounts.push({ name, email: `bench-${name}@example.com`, id: String(100000000001 + i), ou: byRole(roles[SECURITY_ACCOUNTS.has(name) ? 0 : 1])[0] }));
  for (let i = accounts.length; i < accountCount; i++) {
    const node = nodes[i % nodes.length];
    accounts.push({
      name: `app-${String(i).padStart(5, '0')}`, email: `bench-app-${i}@example.com`, ou: node.path,
      ...(i % 2 === 0 ? { id: String(200000000000 + i) } : {}), tags: { 'cost-center': `cc-${i % 20}` },
    });
  }

  const known = new Set(accounts.map((a) => a.name as string));
  const attachments: Attachment[] = exampleGuardrails.attachments.map((a) => ({
    policy: a.policy,
    targets: {
      ...(a.targets.ous ? { ous: a.targets.ous.flatMap((o) => (o === 'Root' ? ['Root'] : byRole(o))) } : {}),
      ...(a.targets.accounts ? { accounts: a.targets.accounts.filter((n) => known.has(n)) } : {}),
      ...(a.targets.excludeAccounts ? { excludeAccounts: a.targets.excludeAccounts.filter((n) => known.has(n)) } : {}),
    },
  })).filter((a) => a.targets.ous?.length || a.targets.accounts?.length);

  const stacksPerOu = shardCounts(nodes, accounts, attachments);
  const organization = {
    ...exampleOrg.organization, managementAccount: mgmt, stateBackend: { type: 'local' },
    ...(Object.keys(stacksPerOu).length ? { shards: { stacksPerOu } } : {}),
  };
  fs.writeFileSync(path.join(dir, 'accounts', 'organization.yaml'), stringify({ organization, organizationalUnits: nodes.filter((_, i) => i < 8).map((n) => n.raw) }));
  fs.writeFileSync(path.join(dir, 'accounts', 'accounts.yaml'), stringify({ accounts }));
  fs.writeFileSync(path.join(dir, 'accounts', 'guardrails.yaml'), stringify({ parameters: exampleGuardrails.parameters ?? {}, attachments }));
  const spokes = options.areas ? writeAreas(repo, dir, accounts, nodes, byRole) : 0;
  return { dir, accounts: accounts.length, ous: ouCount, spokes };
}

/**
 * stacksPerOu for the top-level OUs whose accounts or attachments would fill more than 70 % of
 * the default maximum in one stack (the headroom docs/stacks.md advises: a hash spreads unevenly
 * and the organization grows).
 */
function shardCounts(nodes: readonly { path: string }[], accounts: readonly Record<string, unknown>[], attachments: readonly Attachment[]): Record<string, number> {
  const top = (ouPath: string) => ouPath.split('/')[0];
  const ouOf = new Map(accounts.map((a) => [a.name as string, a.ou as string]));
  const accountsIn = new Map<string, number>();
  const attachmentsIn = new Map<string, number>();
  const add = (m: Map<string, number>, group: string) => m.set(group, (m.get(group) ?? 0) + 1);
  for (const a of accounts) if (a.ou !== 'Root') add(accountsIn, top(a.ou as string));
  for (const a of attachments) {
    for (const ou of a.targets.ous ?? []) if (ou !== 'Root') add(attachmentsIn, top(ou));
    for (const name of a.targets.accounts ?? []) if (ouOf.get(name) !== 'Root') add(attachmentsIn, top(ouOf.get(name)!));
  }
  const out: Record<string, number> = {};
  for (const group of new Set(nodes.map((n) => top(n.path)))) {
    const n = Math.ceil(Math.max(accountsIn.get(group) ?? 0, attachmentsIn.get(group) ?? 0) / (0.7 * DEFAULT_MAX_RESOURCES_PER_STACK));
    if (n > 1) out[group] = n;
  }
  return out;
}

type Targets = Attachment['targets'];

/**
 * The example's logging.yaml as is (its accounts exist here too); its identity.yaml and
 * network.yaml with every OU target mapped to the generated OUs playing that role, like the
 * guardrail attachments. Network: a spoke for every account in a Prod, NonProd or Infrastructure
 * OU (segment prod, nonprod, shared) but the hub account, each a /24 carved in order from its segment's IPAM pool, so
 * N spokes never overlap. Identity: the example's five permission sets and six assignments, most
 * at Root or at workload OUs, so assignments grow with N (about 2.5 per account). Security
 * services: the example's, its targets mapped the same way (GuardDuty, Security Hub and the
 * recorders then cover every account). Returns the number of spokes.
 */
function writeAreas(
  repo: string, dir: string, accounts: readonly Record<string, unknown>[], nodes: readonly { path: string; role: string }[], byRole: (role: string) => string[],
): number {
  const read = (name: string): Record<string, unknown> => parse(fs.readFileSync(path.join(repo, 'accounts', name), 'utf8')) as Record<string, unknown>;
  const known = new Set(accounts.map((a) => a.name as string));
  const mapTargets = (t: Targets): Targets => {
    const names = (list: string[] | undefined) => (list ?? []).filter((n) => known.has(n));
    const ous = (t.ous ?? []).flatMap((o) => (o === 'Root' ? ['Root'] : byRole(o)));
    return { ...(ous.length ? { ous } : {}), ...(names(t.accounts).length ? { accounts: names(t.accounts) } : {}), ...(names(t.excludeAccounts).length ? { excludeAccounts: names(t.excludeAccounts) } : {}) };
  };

  fs.copyFileSync(path.join(repo, 'accounts', 'logging.yaml'), path.join(dir, 'accounts', 'logging.yaml'));

  const identity = read('identity.yaml') as { assignments: { targets: Targets }[] } & Record<string, unknown>;
  identity.assignments = identity.assignments.map((a) => ({ ...a, targets: mapTargets(a.targets) })).filter((a) => a.targets.ous || a.targets.accounts);
  fs.writeFileSync(path.join(dir, 'accounts', 'identity.yaml'), stringify(identity));

  const network = read('network.yaml') as {
    transitGateway: { shareWith?: Targets }; ipam: { pools: { segment: string; cidr: string; shareWith?: Targets }[] }; spokes: unknown[];
  } & Record<string, unknown>;
  if (network.transitGateway.shareWith) network.transitGateway.shareWith = mapTargets(network.transitGateway.shareWith);
  for (const pool of network.ipam.pools) if (pool.shareWith) pool.shareWith = mapTargets(pool.shareWith);
  const segmentOf: Readonly<Record<string, string>> = { 'Workloads/Prod': 'prod', 'Workloads/NonProd': 'nonprod', Infrastructure: 'shared' };
  const roleOf = new Map(nodes.map((n) => [n.path, n.role]));
  const next = new Map<string, number>();
  network.spokes = accounts.flatMap((a) => {
    const segment = segmentOf[roleOf.get(a.ou as string) ?? ''];
    const pool = segment && network.ipam.pools.find((p) => p.segment === segment);
    if (!pool || a.name === 'network') return []; // the hub account holds the egress VPC, not a spoke
    const k = next.get(segment) ?? 0; // the k-th /24 of the pool (a /12 holds 4096)
    next.set(segment, k + 1);
    const [a0, a1] = pool.cidr.split('.').map(Number);
    return [{
      account: a.name, segment, cidr: `${a0}.${a1 + (k >> 8)}.${k & 255}.0/24`, azs: ['us-east-1a', 'us-east-1b'],
      tiers: [{ name: 'app', size: 26 }, { name: 'transit', size: 28 }],
    }];
  });
  fs.writeFileSync(path.join(dir, 'accounts', 'network.yaml'), stringify(network));

  const security = read('security-services.yaml') as { securityHub?: { configurationPolicy?: { targets?: Targets } }; config?: { recorders?: { targets?: Targets } } } & Record<string, unknown>;
  const policy = security.securityHub?.configurationPolicy;
  if (policy?.targets) policy.targets = mapTargets(policy.targets);
  const recorders = security.config?.recorders;
  if (recorders?.targets) recorders.targets = mapTargets(recorders.targets);
  fs.writeFileSync(path.join(dir, 'accounts', 'security-services.yaml'), stringify(security));
  return network.spokes.length;
}
