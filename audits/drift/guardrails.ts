import type { DesiredPolicy } from '../../desired';
import { ROOT } from '../../model/organization';
import type { LivePolicy } from '../snapshot';
import { finding, type DriftCheck, type DriftContext } from './context';
import { desiredForAudit, holdsUnknown } from './desired';
import type { Finding } from './finding';
import { normalizePolicy } from './normalize';

/** The live policy a guardrail is: by adopted id, else by the name lzkit deploys it under. */
function livePolicy(ctx: DriftContext, p: DesiredPolicy): LivePolicy | undefined {
  if (p.adoptedId) return ctx.snapshot.policies.find((x) => x.id === p.adoptedId);
  return ctx.snapshot.policies.find((x) => !x.awsManaged && x.type === p.type && x.name === p.name);
}

function parse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/**
 * Guardrails against what the guardrails stack deploys (desired/organization.ts): missing,
 * modified, detached, attached where not declared. AWS's managed policies are not lzkit's.
 */
export const guardrails: DriftCheck = (ctx) => {
  const out: Finding[] = [];
  const { lz, match } = ctx;
  const desired = desiredForAudit(ctx).guardrails;
  const claimed = new Set<string>();
  const liveTargetIds = new Set([ctx.snapshot.root.id, ...ctx.snapshot.organizationalUnits.map((o) => o.id), ...ctx.snapshot.accounts.map((a) => a.id)]);
  const targetName = (id: string): string => match.livePaths.get(id) ?? match.declaredAccounts.get(id)?.name ?? ctx.snapshot.accounts.find((a) => a.id === id)?.name ?? id;
  for (const p of desired.policies) {
    const declared = lz.guardrails.policies.get(p.id);
    const g = { ...p, type: declared?.type ?? p.type, severity: declared?.severity ?? 'high' };
    const live = livePolicy(ctx, p);
    const resource = { type: 'policy', id: live?.id ?? p.adoptedId ?? p.id, name: p.name };
    if (!live) {
      out.push(finding({
        category: 'policy-missing', severity: g.severity, resource, expected: g.name, actual: null,
        message: `guardrail ${g.id} (${g.type} ${g.name}) does not exist in the organization`, remediation: 'redeploy the guardrails stack',
        location: g.source,
      }));
      continue;
    }
    claimed.add(live.id);
    const expected = parse(p.content);
    const actual = parse(live.content);
    if (!holdsUnknown(expected) && normalizePolicy(expected) !== normalizePolicy(actual)) {
      out.push(finding({
        category: 'policy-modified', severity: g.severity, resource, expected, actual,
        message: `guardrail ${g.id} (${live.id}) differs from ${g.source.file}`, remediation: `redeploy the guardrails stack, or copy the live change into ${g.source.file} if it is wanted`,
        location: g.source,
      }));
    }
    const expectedTargets = new Map<string, { file: string; line: number; column: number }>();
    // A target the audit did not find is reported as missing on its own.
    for (const a of desired.attachments) if (a.policyId === p.id && liveTargetIds.has(a.target.id)) expectedTargets.set(a.target.id, a.source);
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
