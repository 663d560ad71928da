import { ROOT } from '../../model/organization';
import type { LiveNetwork, Snapshot } from '../snapshot';
import type { ImportedDeclaration } from './declaration';
import { kebab, unique } from './names';

/** RAM principals (account ids, OU and organization ARNs) as the targeting shape. */
function targetsOf(principals: readonly string[], d: ImportedDeclaration, s: Snapshot, what: string): { ous?: string[]; accounts?: string[] } {
  const ous: string[] = [];
  const accounts: string[] = [];
  for (const p of principals) {
    const ouId = /:ou\/o-[a-z0-9]+\/(ou-[a-z0-9-]+)$/.exec(p)?.[1];
    if (ouId && d.names.ous.has(ouId)) ous.push(d.names.ous.get(ouId)!);
    else if (/:organization\/o-/.test(p) || p === s.organization.arn || p.endsWith(`/${s.root.id}`)) ous.push(ROOT);
    else if (d.names.accounts.has(p)) accounts.push(d.names.accounts.get(p)!);
    else d.notes.push(`${what} is shared with ${p}, which is not in this organization; not imported`);
  }
  return { ...(ous.length ? { ous: [...new Set(ous)].sort() } : {}), ...(accounts.length ? { accounts: [...new Set(accounts)].sort() } : {}) };
}

/**
 * network.yaml from the hub account's Transit Gateway: the gateway, one segment per route
 * table (named by its `lzkit:segment` tag, else its Name), `reaches` from the propagations
 * between segments, and the RAM share as `shareWith`. Spokes, egress and IPAM need VPC data the
 * snapshot does not hold: not imported (listed in notes).
 */
export function networkFromSnapshot(s: Snapshot, d: ImportedDeclaration): unknown {
  const net: LiveNetwork | undefined = s.network;
  const tgw = net?.transitGateways.find((t) => t.state !== 'deleted');
  if (!net || !tgw) return undefined;
  for (const other of net.transitGateways.filter((t) => t !== tgw && t.state !== 'deleted')) d.notes.push(`transit gateway ${other.id}: lzkit declares one hub; only ${tgw.id} is imported`);
  const tables = net.routeTables.filter((t) => t.transitGatewayId === tgw.id).sort((a, b) => a.id.localeCompare(b.id));
  const taken = new Set<string>();
  const segmentOf = new Map<string, string>();
  for (const t of tables) {
    const tagged = t.tags['lzkit:segment'] ?? t.tags.Name?.replace(/^segment-/, '') ?? '';
    const base = kebab(tagged, 31).replace(/^[^a-z]+/, '') || 'segment';
    segmentOf.set(t.id, unique(base, taken, 31));
  }
  const attachments = net.attachments.filter((a) => a.transitGatewayId === tgw.id);
  const associated = new Map(attachments.map((a) => [a.id, a.associatedRouteTableId]));
  const reaches = new Map<string, Set<string>>();
  const isolated = new Set<string>();
  for (const t of tables) {
    const own = attachments.filter((a) => a.associatedRouteTableId === t.id);
    if (own.length && !own.some((a) => t.propagations.includes(a.id))) isolated.add(t.id);
    for (const att of t.propagations) {
      const from = associated.get(att);
      if (!from || from === t.id || !segmentOf.has(from)) continue;
      // Reachability is symmetric: record the edge once, on the segment that sorts first.
      const [a, b] = [segmentOf.get(from)!, segmentOf.get(t.id)!].sort();
      reaches.set(a, (reaches.get(a) ?? new Set()).add(b));
    }
  }
  const share = net.shares.find((sh) => sh.resources.includes(tgw.arn) && sh.status !== 'DELETED');
  const shareWith = share ? targetsOf(share.principals, d, s, `transit gateway ${tgw.id}`) : undefined;
  d.notes.push('network: spokes (VPCs), egress, IPAM pools and flow logs are not imported (the audit snapshot holds no VPC data); declare them in accounts/network.yaml');
  if (attachments.length) d.notes.push(`network: ${attachments.length} transit gateway attachment(s) exist; declare their spokes to have the audit check them`);
  return {
    transitGateway: {
      account: d.names.accounts.get(net.accountId) ?? net.accountId,
      region: net.region,
      amazonSideAsn: tgw.amazonSideAsn ?? 64512,
      ...(tgw.description ? { description: tgw.description } : {}),
      ...(shareWith && (shareWith.ous || shareWith.accounts) ? { shareWith } : {}),
    },
    segments: tables.map((t) => {
      const name = segmentOf.get(t.id)!;
      const r = [...(reaches.get(name) ?? [])].sort();
      return { name, ...(r.length ? { reaches: r } : {}), ...(isolated.has(t.id) ? { isolated: true } : {}) };
    }),
  };
}

/**
 * identity.yaml from IAM Identity Center: permission sets (policies, boundary, session,
 * inline policy as a file in policies/permission-sets/) and assignments grouped per principal
 * and permission set, targeting the accounts they are assigned in. Groups are looked up by name.
 */
export function identityFromSnapshot(s: Snapshot, d: ImportedDeclaration): { file: unknown; policies: Map<string, unknown> } | undefined {
  const idc = s.identity;
  if (!idc) return undefined;
  const policies = new Map<string, unknown>();
  const files = new Set<string>();
  const byArn = new Map(idc.permissionSets.map((p) => [p.arn, p.name]));
  const permissionSets = [...idc.permissionSets].sort((a, b) => a.name.localeCompare(b.name)).map((p) => {
    let inlinePolicy: string | undefined;
    if (p.inlinePolicy) {
      try {
        const file = `${unique(kebab(p.name, 60) || 'permission-set', files, 60)}.json`;
        policies.set(file, JSON.parse(p.inlinePolicy) as unknown);
        inlinePolicy = file;
      } catch {
        d.notes.push(`permission set ${p.name}: its inline policy is not JSON; not imported`);
      }
    }
    const b = p.permissionsBoundary;
    return {
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      ...(p.sessionDuration ? { sessionDuration: p.sessionDuration } : {}),
      ...(p.managedPolicies.length ? { awsManagedPolicies: [...p.managedPolicies].sort() } : {}),
      ...(p.customerManagedPolicies.length ? { customerManagedPolicies: p.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path })) } : {}),
      ...(inlinePolicy ? { inlinePolicy } : {}),
      ...(b?.managedPolicyArn ? { permissionsBoundary: { managedPolicyArn: b.managedPolicyArn } } : b?.customerManagedPolicy ? { permissionsBoundary: { customerManaged: { ...b.customerManagedPolicy } } } : {}),
      ...(p.relayState ? { relayState: p.relayState } : {}),
    };
  });

  const groups = new Map(idc.groups.map((g) => [g.id, g.name]));
  const users = new Map(idc.users.map((u) => [u.id, u.name]));
  const grouped = new Map<string, { kind: 'group' | 'user'; principal: string; permissionSet: string; accounts: Set<string> }>();
  for (const a of idc.assignments) {
    const kind = a.principalType === 'USER' ? 'user' : 'group';
    const principal = (kind === 'user' ? users : groups).get(a.principalId);
    const permissionSet = byArn.get(a.permissionSetArn);
    const account = d.names.accounts.get(a.accountId);
    if (!principal || !permissionSet || !account) {
      d.notes.push(`assignment of ${a.principalType} ${a.principalId} to ${a.permissionSetArn} in ${a.accountId}: ${!principal ? 'principal' : !permissionSet ? 'permission set' : 'account'} not in the snapshot; not imported`);
      continue;
    }
    const key = `${kind}\u0000${principal}\u0000${permissionSet}`;
    const g = grouped.get(key) ?? { kind, principal, permissionSet, accounts: new Set<string>() };
    g.accounts.add(account);
    grouped.set(key, g);
  }
  const management = d.names.accounts.get(s.organization.managementAccountId);
  const assignments = [...grouped.values()].sort((a, b) => a.principal.localeCompare(b.principal) || a.permissionSet.localeCompare(b.permissionSet)).map((g) => ({
    [g.kind]: g.principal,
    permissionSet: g.permissionSet,
    targets: { accounts: [...g.accounts].sort() },
    ...(management && g.accounts.has(management) ? { allowManagementAccount: true } : {}),
  }));
  const usedGroups = [...new Set([...grouped.values()].filter((g) => g.kind === 'group').map((g) => g.principal))].sort();
  return {
    file: {
      identityCenter: { administrator: d.names.accounts.get(idc.accountId) ?? idc.accountId },
      ...(usedGroups.length ? { groups: usedGroups.map((name) => ({ name })) } : {}),
      permissionSets,
      assignments,
    },
    policies,
  };
}
