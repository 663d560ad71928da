/**
 * Generates a synthetic but valid declaration of N accounts in a temp folder: N/10 OUs (8 top
 * level, the rest nested 8 wide), half of the OUs and accounts adopted by id, the repo's whole
 * guardrail library in policies/, and attachments that follow the example's pattern: each
 * generated OU plays the role of one example OU and gets that OU's guardrails, so quotas and
 * model checks hold exactly as they do for the example.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';

interface RawOu { name: string; id?: string; children?: RawOu[] }
interface Attachment { policy: string; targets: { ous?: string[]; accounts?: string[]; excludeAccounts?: string[] } }

export interface GeneratedOrganization {
  readonly dir: string;
  readonly accounts: number;
  readonly ous: number;
}

const ROLE_ACCOUNTS = ['log-archive', 'audit', 'network', 'shared-services'];

export function generateOrganization(repo: string, accountCount: number): GeneratedOrganization {
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
  ROLE_ACCOUNTS.forEach((name, i) => accounts.push({ name, email: `bench-${name}@example.com`, id: String(100000000001 + i), ou: byRole(roles[i < 2 ? 0 : 1])[0] }));
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

  const organization = { ...exampleOrg.organization, managementAccount: mgmt, stateBackend: { type: 'local' } };
  fs.writeFileSync(path.join(dir, 'accounts', 'organization.yaml'), stringify({ organization, organizationalUnits: nodes.filter((_, i) => i < 8).map((n) => n.raw) }));
  fs.writeFileSync(path.join(dir, 'accounts', 'accounts.yaml'), stringify({ accounts }));
  fs.writeFileSync(path.join(dir, 'accounts', 'guardrails.yaml'), stringify({ parameters: exampleGuardrails.parameters ?? {}, attachments }));
  return { dir, accounts: accounts.length, ous: ouCount };
}
