import { resolveLateBound } from '../../model/late-bound';
import { ROOT } from '../../model/organization';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../../model/policy-types';
import type { Guardrail, PolicyType } from '../../model/types';
import type { LivePolicy } from '../snapshot';
import { finding, type DriftCheck, type DriftContext } from './context';
import type { Finding } from './finding';
import { normalizePolicy } from './normalize';

export const LIVE_POLICY_TYPE: Readonly<Record<PolicyType, string>> = Object.freeze(
  Object.fromEntries(POLICY_TYPE_NAMES.map((t) => [t, POLICY_TYPES[t].organizationsType])) as Record<PolicyType, string>);

/** The live policy a guardrail is: by adopted id, else by the name lzkit deploys it under. */
function livePolicy(ctx: DriftContext, g: Guardrail): LivePolicy | undefined {
  const type = LIVE_POLICY_TYPE[g.type];
  if (g.existingId) return ctx.snapshot.policies.find((p) => p.id === g.existingId);
  return ctx.snapshot.policies.find((p) => !p.awsManaged && p.type === type && p.name === g.name);
}

/** The declared document with late-bound ids replaced by the organization's real ones. */
function expectedDocument(ctx: DriftContext, g: Guardrail): unknown {
  const text = resolveLateBound(g.content, (v) =>
    v.kind === 'organization-id' ? ctx.snapshot.organization.id : ctx.match.accounts.get(v.account)?.id ?? `<${v.account}: no such account>`);
  return JSON.parse(text);
}

function parse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/** Guardrails: missing, modified, detached, attached where not declared. AWS's managed policies are not lzkit's. */
export const guardrails: DriftCheck = (ctx) => {
  const out: Finding[] = [];
  const { lz, match } = ctx;
  const claimed = new Set<string>();
  const targetName = (id: string): string => match.livePaths.get(id) ?? match.declaredAccounts.get(id)?.name ?? ctx.snapshot.accounts.find((a) => a.id === id)?.name ?? id;
  for (const g of lz.guardrails.policies.values()) {
    const live = livePolicy(ctx, g);
    const resource = { type: 'policy', id: live?.id ?? g.existingId ?? g.id, name: g.name };
    if (!live) {
      out.push(finding({
        category: 'policy-missing', severity: g.severity, resource, expected: g.name, actual: null,
        message: `guardrail ${g.id} (${g.type} ${g.name}) does not exist in the organization`, remediation: 'redeploy the guardrails stack',
        location: g.source,
      }));
      continue;
    }
    claimed.add(live.id);
    const expected = expectedDocument(ctx, g);
    const actual = parse(live.content);
    if (normalizePolicy(expected) !== normalizePolicy(actual)) {
      out.push(finding({
        category: 'policy-modified', severity: g.severity, resource, expected, actual,
        message: `guardrail ${g.id} (${live.id}) differs from ${g.source.file}`, remediation: `redeploy the guardrails stack, or copy the live change into ${g.source.file} if it is wanted`,
        location: g.source,
      }));
    }
    const expectedTargets = new Map<string, { file: string; line: number; column: number }>();
    for (const att of lz.guardrails.attachments.filter((a) => a.policyId === g.id)) {
      for (const ou of att.ous) { const id = match.ouIds.get(ou); if (id) expectedTargets.set(id, att.source); }
      for (const name of att.accounts) { const id = match.accounts.get(name)?.id; if (id) expectedTargets.set(id, att.source); }
    }
    const liveTargets = new Set(live.targets);
    for (const [target, source] of expectedTargets) {
      if (liveTargets.has(target)) continue;
      out.push(finding({
        category: 'policy-detached', severity: g.severity, resource, about: target, expected: targetName(target), actual: null,
        message: `guardrail ${g.id} (${live.id}) is not attached to ${targetName(target)} (${target})`,
        remediation: `aws organizations attach-policy --policy-id ${live.id} --target-id ${target} (or redeploy the guardrails stack)`,
        location: source,
      }));
    }
    for (const target of live.targets) {
      if (expectedTargets.has(target)) continue;
      out.push(unexpectedAttachment(live, target, targetName(target), g.source));
    }
  }
  // Customer policies nobody declared: harmless while unattached, drift once attached.
  for (const live of ctx.snapshot.policies) {
    if (live.awsManaged || claimed.has(live.id)) continue;
    for (const target of live.targets) out.push(unexpectedAttachment(live, target, targetName(target), { file: 'accounts/guardrails.yaml', line: 1, column: 1 }));
  }
  return out;
};

function unexpectedAttachment(live: LivePolicy, target: string, name: string, location: { file: string; line: number; column: number }): Finding {
  return finding({
    category: 'policy-attached-unexpectedly', resource: { type: 'policy', id: live.id, name: live.name }, about: target, expected: null, actual: name,
    message: `policy ${live.name} (${live.id}) is attached to ${name === ROOT ? 'the root' : name} (${target}), which the declaration does not attach it to`,
    remediation: `aws organizations detach-policy --policy-id ${live.id} --target-id ${target}, or declare the attachment in accounts/guardrails.yaml`,
    location,
  });
}
