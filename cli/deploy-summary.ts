import type { LandingZone } from '../model';
import type { StackSummary } from '../stacks/summary';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const named = (names: readonly string[], max = 8) =>
  names.length === 0 ? '' : ` (${names.slice(0, max).join(', ')}${names.length > max ? `, +${names.length - max} more` : ''})`;

/**
 * What `cdktf deploy` would do with a synthesized app, in words: the stacks in deploy order with
 * their resources per type, accounts and OUs to create versus adopt, and the guardrails. Pure.
 */
export function deploymentSummary(lz: LandingZone, stacks: readonly StackSummary[]): string[] {
  const mgmt = lz.accounts.get(lz.organization.managementAccount);
  const lines = [`what \`cdktf deploy ${stacks.map((s) => s.name).join(' ')}\` would do, from the management account ${mgmt?.id ?? '?'}:`];
  stacks.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.name}: ${plural(s.resources, 'resource')}${s.imports ? `, ${s.imports} adopted by import` : ''}`);
    const width = Math.max(...Object.keys(s.resourcesByType).map((t) => t.length));
    for (const [type, n] of Object.entries(s.resourcesByType).sort()) lines.push(`       ${type.padEnd(width)}  ${n}`);
  });
  const members = [...lz.accounts.values()].filter((a) => !a.isManagement);
  const createdAccounts = members.filter((a) => !a.id).map((a) => a.name);
  const ous = [...lz.ous.values()].filter((o) => o.parentPath !== undefined);
  const createdOus = ous.filter((o) => !o.id).map((o) => o.path);
  lines.push(`organization: ${lz.organization.id ? `adopt ${lz.organization.id}` : 'create a new one'}`);
  lines.push(`accounts: ${createdAccounts.length} to create${named(createdAccounts)}, ${members.length - createdAccounts.length} to adopt; the management account ${mgmt?.name ?? '?'} stays as it is`);
  lines.push(`OUs: ${createdOus.length} to create${named(createdOus)}, ${ous.length - createdOus.length} to adopt`);
  const byType = (t: string) => [...lz.guardrails.policies.values()].filter((g) => g.type === t).length;
  const points = lz.guardrails.attachments.reduce((n, a) => n + a.ous.length + a.accounts.length, 0);
  lines.push(`guardrails: ${plural(byType('SCP'), 'SCP')}, ${plural(byType('RCP'), 'RCP')}, ${plural(byType('TAG'), 'tag policy', 'tag policies')}; ${plural(points, 'attachment')}`);
  const shards = stacks.filter((s) => /^(accounts|guardrails)-/.test(s.name));
  if (shards.length) {
    const count = (family: string) => shards.filter((s) => s.name.startsWith(`${family}-`)).length;
    const largest = shards.reduce((a, b) => (b.resources > a.resources ? b : a));
    lines.push(`shards: ${plural(count('accounts'), 'account stack')}, ${plural(count('guardrails'), 'guardrail attachment stack')}; the largest, ${largest.name}, `
      + `holds ${plural(largest.resources, 'resource')} (organization.shards.maxResourcesPerStack: ${lz.organization.shards.maxResourcesPerStack})`);
  }
  return lines;
}
