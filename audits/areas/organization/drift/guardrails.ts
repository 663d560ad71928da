import { ORGANIZATIONS_POLICY_TYPE, type DesiredPolicy, type DesiredTarget } from '../../../../desired';
import { AWS_MANAGED_POLICIES } from '../../../../model/aws-managed-policies';
import { ROOT } from '../../../../model/organization';
import { targetShard } from '../../../../model/shards';
import type { Severity, SourceLocation } from '../../../../model/types';
import { desiredForAudit, fileLocation, type DriftCheck, type DriftContext } from '../../../drift/context';
import { holdsUnknown } from '../../../drift/desired';
import type { Finding } from '../../../drift/finding';
import { normalizePolicy } from '../../../drift/normalize';
import type { ReadView } from '../../../drift/unread';
import type { LivePolicy } from '../../../snapshot-core';
import { finding } from '../categories';

const GUARDRAILS_FILE = 'accounts/guardrails.yaml';
type Live = ReadView<LivePolicy>;
type Resource = { type: string; id: string; name: string };
/** A desired policy with what the model says of its severity and kind. */
type Guardrail = DesiredPolicy & { readonly severity: Severity; readonly kind: string };

/** The live policy a guardrail is: by adopted id, else by the name lzkit deploys it under. */
function livePolicy(ctx: DriftContext, p: DesiredPolicy): Live | undefined {
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

/** A target's name for messages: its OU path, declared account name, live account name, or id. */
function targetName(ctx: DriftContext, id: string): string {
  return ctx.match.livePaths.get(id) ?? ctx.match.declaredAccounts.get(id)?.name ?? ctx.snapshot.accounts.find((a) => a.id === id)?.name ?? id;
}

/**
 * Guardrails against what the guardrails stack deploys (desired/organization.ts): missing,
 * modified, detached, attached where not declared; customer policies nobody declared, once
 * attached. Each guardrail is checked on its own (its document and its targets apart), so one
 * unread policy does not hide the others.
 */
export const guardrails: DriftCheck = (ctx) => {
  const { lz } = ctx;
  const desired = desiredForAudit(ctx).guardrails;
  const claimed = new Set<string>();
  const declared: Guardrail[] = desired.policies.map((p) => {
    const g = lz.guardrails.policies.get(p.id);
    return { ...p, severity: g?.severity ?? 'high', kind: g?.type ?? p.type };
  });
  for (const g of declared) {
    const live = livePolicy(ctx, g);
    if (live) claimed.add(live.id);
  }
  const perGuardrail = ctx.each(declared, (g) => {
    const live = livePolicy(ctx, g);
    const resource = { type: 'policy', id: live?.id ?? g.adoptedId ?? g.id, name: g.name };
    if (!live) {
      return [finding({
        category: 'policy-missing', severity: g.severity, resource, expected: g.name, actual: null,
        message: `guardrail ${g.id} (${g.kind} ${g.name}) does not exist in the organization`, remediation: 'redeploy the guardrails stack',
        location: g.source,
      })];
    }
    return [...ctx.each([document, attachments], (part) => part(ctx, g, live, resource))];
  });
  // Customer policies nobody declared: harmless while unattached, drift once attached.
  const undeclared = ctx.each(ctx.snapshot.policies.filter((p) => !p.awsManaged && !claimed.has(p.id)), (live) =>
    live.targets.map((target) => unexpectedAttachment(live, target, targetName(ctx, target), fileLocation(GUARDRAILS_FILE), 'medium')));
  return [...perGuardrail, ...undeclared];
};

type Part = (ctx: DriftContext, g: Guardrail, live: Live, resource: Resource) => Finding[];

const document: Part = (_ctx, g, live, resource) => {
  const expected = parse(g.content);
  const actual = parse(live.content);
  // A document naming an account the audit did not find is not compared (account-missing says it).
  if (holdsUnknown(expected) || normalizePolicy(expected) === normalizePolicy(actual)) return [];
  return [finding({
    category: 'policy-modified', severity: g.severity, resource, expected, actual,
    message: `guardrail ${g.id} (${live.id}) differs from ${g.source.file}`, remediation: `redeploy the guardrails stack, or copy the live change into ${g.source.file} if it is wanted`,
    location: g.source,
  })];
};

/** The root, OUs and accounts the audit found, by live id. */
function liveTargetIds(ctx: DriftContext): Set<string> {
  return new Set([ctx.snapshot.root.id, ...ctx.snapshot.organizationalUnits.map((o) => o.id), ...ctx.snapshot.accounts.map((a) => a.id)]);
}

const attachments: Part = (ctx, g, live, resource) => {
  const found = liveTargetIds(ctx);
  const expectedTargets = new Map<string, { source: SourceLocation; target: DesiredTarget }>();
  // A target the audit did not find is reported as missing on its own.
  for (const a of desiredForAudit(ctx).guardrails.attachments) if (a.policyId === g.id && found.has(a.target.id)) expectedTargets.set(a.target.id, a);
  const out: Finding[] = [];
  const liveTargets = new Set(live.targets);
  for (const [target, a] of expectedTargets) {
    if (liveTargets.has(target)) continue;
    // The shard stack is worked out for a finding only: most attachments are where they belong.
    const stack = targetShard(ctx.lz, a.target);
    out.push(finding({
      category: 'policy-detached', severity: g.severity, resource, about: target, expected: targetName(ctx, target), actual: null,
      message: `guardrail ${g.id} (${live.id}) is not attached to ${targetName(ctx, target)} (${target})`,
      remediation: `aws organizations attach-policy --policy-id ${live.id} --target-id ${target} (or cdktf deploy ${stack}, the stack of this attachment)`,
      location: a.source,
    }));
  }
  for (const target of live.targets) {
    if (!expectedTargets.has(target)) out.push(unexpectedAttachment(live, target, targetName(ctx, target), g.source, 'medium'));
  }
  return out;
};

/**
 * AWS's FullAWSAccess and RCPFullAWSAccess where the desired state places them: FullAWSAccess on
 * the root and every declared OU and account but those it is detached from (accounts/guardrails.yaml
 * `fullAwsAccess.detachFrom`), RCPFullAWSAccess everywhere (AWS does not let it be detached, so
 * missing means RCPs are not enabled or the snapshot is wrong). Only where the type is enabled
 * (policy-type-disabled says so otherwise); live targets the declaration does not know are
 * reported as unexpected OUs or unmanaged accounts, not here.
 */
export const awsManagedPolicies: DriftCheck = (ctx) => {
  const { lz } = ctx;
  const desired = desiredForAudit(ctx);
  const enabled = new Set(desired.organization.enabledPolicyTypes);
  const detached = new Set(desired.guardrails.fullAwsAccessDetachments.map((t) => t.id));
  const placementSource = desired.guardrails.fullAwsAccessSource ?? fileLocation(GUARDRAILS_FILE);
  const found = liveTargetIds(ctx);
  const management = lz.accounts.get(lz.organization.managementAccount)!;
  // Every target the desired state places policies on, with its id as the audit found it.
  const targets: (DesiredTarget & { readonly source: SourceLocation })[] = [
    { kind: 'ou' as const, name: ROOT, id: ctx.snapshot.root.id, source: lz.root.source },
    ...desired.organization.organizationalUnits.map((ou) => ({ kind: 'ou' as const, name: ou.path, id: ctx.match.ouIds.get(ou.path) ?? '', source: ou.source })),
    { kind: 'account' as const, name: management.name, id: ctx.match.accounts.get(management.name)?.id ?? '', source: management.source },
    ...desired.organization.accounts.map((a) => ({ kind: 'account' as const, name: a.name, id: ctx.match.accounts.get(a.name)?.id ?? '', source: a.source })),
  ].filter((t) => found.has(t.id));
  return ctx.each(AWS_MANAGED_POLICIES.filter((m) => enabled.has(m.type)), (managed) => {
    const scp = managed.type === ORGANIZATIONS_POLICY_TYPE.SCP;
    const live = ctx.snapshot.policies.find((p) => p.awsManaged && p.type === managed.type && p.name === managed.name);
    const resource = { type: 'policy', id: live?.id ?? managed.id, name: managed.name };
    if (!live) {
      return [finding({
        category: 'policy-missing', severity: 'critical', resource, expected: managed.name, actual: null, location: placementSource,
        message: `AWS's ${managed.name} is not among the organization's ${managed.type} policies although the type is enabled: the snapshot is wrong or incomplete`,
        remediation: 'record the snapshot again from the management account',
      })];
    }
    const attached = new Set(live.targets);
    const out: Finding[] = [];
    for (const t of targets) {
      const keeps = !managed.detachable || !detached.has(t.id);
      if (attached.has(t.id) === keeps) continue;
      if (keeps) {
        out.push(finding({
          category: 'policy-detached', severity: scp ? 'critical' : 'high', resource, about: t.id, expected: t.name, actual: null, location: t.source,
          message: scp
            ? `AWS's FullAWSAccess (${live.id}) is not attached to ${t.name === ROOT ? 'the root' : t.name} (${t.id}), where the declaration keeps it: below it, only what lzkit's SCPs allow there gets through`
            : `AWS's RCPFullAWSAccess (${live.id}) is not attached to ${t.name === ROOT ? 'the root' : t.name} (${t.id}): AWS does not let it be detached, so RCPs are not enabled there or the snapshot is wrong`,
          remediation: scp
            ? `lzkit full-aws-access attach --target-id ${t.id} (or aws organizations attach-policy --policy-id ${live.id} --target-id ${t.id}), or declare it detached under fullAwsAccess.detachFrom in ${GUARDRAILS_FILE}`
            : 'check that resource control policies are enabled on the root, and record the snapshot again',
        }));
      } else {
        out.push(unexpectedAttachment(live, t.id, t.name, placementSource, 'high',
          ': FullAWSAccess lets through everything lzkit\'s SCPs at this level do not deny, where the declaration uses an allow list'));
      }
    }
    return out;
  });
};

function unexpectedAttachment(live: Live, target: string, name: string, location: SourceLocation, severity: Severity, why = ''): Finding {
  return finding({
    category: 'policy-attached-unexpectedly', severity, resource: { type: 'policy', id: live.id, name: live.name }, about: target, expected: null, actual: name,
    message: `policy ${live.name} (${live.id}) is attached to ${name === ROOT ? 'the root' : name} (${target}), which the declaration does not attach it to${why}`,
    remediation: `aws organizations detach-policy --policy-id ${live.id} --target-id ${target}, or declare the attachment in ${GUARDRAILS_FILE}`,
    location,
  });
}
