import { resolveLateBound } from '../../model/late-bound';
import { ROOT } from '../../model/organization';
import { hasFullAwsAccess, type Guardrail, type Severity, type SourceLocation } from '../../model/types';
import type { LivePolicy } from '../snapshot';
import { fileLocation, finding, type DriftCheck, type DriftContext } from './context';
import type { Finding } from './finding';
import { normalizePolicy } from './normalize';
import type { ReadView } from './unread';

export const LIVE_POLICY_TYPE = { SCP: 'SERVICE_CONTROL_POLICY', RCP: 'RESOURCE_CONTROL_POLICY', TAG: 'TAG_POLICY' } as const;

/**
 * AWS's own policies, attached to every root, OU and account while their type is enabled
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_strategies.html,
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html:
 * RCPFullAWSAccess "is automatically attached to the organization root, every OU, and every
 * account ... You cannot detach this policy").
 */
export const AWS_MANAGED_POLICIES = [
  { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: LIVE_POLICY_TYPE.SCP, statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
  { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: LIVE_POLICY_TYPE.RCP, statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' } },
] as const;

const GUARDRAILS_FILE = 'accounts/guardrails.yaml';
type Live = ReadView<LivePolicy>;

/** The live policy a guardrail is: by adopted id, else by the name lzkit deploys it under. */
function livePolicy(ctx: DriftContext, g: Guardrail): Live | undefined {
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

/** A target's name for messages: its OU path, declared account name, live account name, or id. */
function targetName(ctx: DriftContext, id: string): string {
  return ctx.match.livePaths.get(id) ?? ctx.match.declaredAccounts.get(id)?.name ?? ctx.snapshot.accounts.find((a) => a.id === id)?.name ?? id;
}

/**
 * Guardrails: missing, modified, detached, attached where not declared; customer policies nobody
 * declared, once attached. Each guardrail is checked on its own (its document and its targets
 * apart), so one unread policy does not hide the others.
 */
export const guardrails: DriftCheck = (ctx) => {
  const { lz } = ctx;
  const claimed = new Set<string>();
  const declared = [...lz.guardrails.policies.values()];
  for (const g of declared) {
    const live = livePolicy(ctx, g);
    if (live) claimed.add(live.id);
  }
  const perGuardrail = ctx.each(declared, (g) => {
    const live = livePolicy(ctx, g);
    const resource = { type: 'policy', id: live?.id ?? g.existingId ?? g.id, name: g.name };
    if (!live) {
      return [finding({
        category: 'policy-missing', severity: g.severity, resource, expected: g.name, actual: null,
        message: `guardrail ${g.id} (${g.type} ${g.name}) does not exist in the organization`, remediation: 'redeploy the guardrails stack',
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

type Part = (ctx: DriftContext, g: Guardrail, live: Live, resource: { type: string; id: string; name: string }) => Finding[];

const document: Part = (ctx, g, live, resource) => {
  const expected = expectedDocument(ctx, g);
  const actual = parse(live.content);
  if (normalizePolicy(expected) === normalizePolicy(actual)) return [];
  return [finding({
    category: 'policy-modified', severity: g.severity, resource, expected, actual,
    message: `guardrail ${g.id} (${live.id}) differs from ${g.source.file}`, remediation: `redeploy the guardrails stack, or copy the live change into ${g.source.file} if it is wanted`,
    location: g.source,
  })];
};

const attachments: Part = (ctx, g, live, resource) => {
  const { match } = ctx;
  const expectedTargets = new Map<string, SourceLocation>();
  for (const att of ctx.lz.guardrails.attachments.filter((a) => a.policyId === g.id)) {
    for (const ou of att.ous) { const id = match.ouIds.get(ou); if (id) expectedTargets.set(id, att.source); }
    for (const name of att.accounts) { const id = match.accounts.get(name)?.id; if (id) expectedTargets.set(id, att.source); }
  }
  const out: Finding[] = [];
  const liveTargets = new Set(live.targets);
  for (const [target, source] of expectedTargets) {
    if (liveTargets.has(target)) continue;
    out.push(finding({
      category: 'policy-detached', severity: g.severity, resource, about: target, expected: targetName(ctx, target), actual: null,
      message: `guardrail ${g.id} (${live.id}) is not attached to ${targetName(ctx, target)} (${target})`,
      remediation: `aws organizations attach-policy --policy-id ${live.id} --target-id ${target} (or redeploy the guardrails stack)`,
      location: source,
    }));
  }
  for (const target of live.targets) {
    if (!expectedTargets.has(target)) out.push(unexpectedAttachment(live, target, targetName(ctx, target), g.source, 'medium'));
  }
  return out;
};

/**
 * AWS's FullAWSAccess and RCPFullAWSAccess where the declaration places them: FullAWSAccess on
 * every declared root, OU and account but those it is detached from (accounts/guardrails.yaml
 * `fullAwsAccess.detachFrom`), RCPFullAWSAccess everywhere (AWS does not let it be detached, so
 * missing means RCPs are not enabled or the snapshot is wrong). Only where the type is enabled
 * (policy-type-disabled says so otherwise); live targets the declaration does not know are
 * reported as unexpected OUs or unmanaged accounts, not here.
 */
export const awsManagedPolicies: DriftCheck = (ctx) => {
  const { lz } = ctx;
  const enabled = new Set(lz.organization.enabledPolicyTypes);
  return ctx.each(AWS_MANAGED_POLICIES.filter((m) => enabled.has(m.type)), (managed) => {
    const scp = managed.type === LIVE_POLICY_TYPE.SCP;
    const live = ctx.snapshot.policies.find((p) => p.awsManaged && p.type === managed.type && p.name === managed.name);
    const resource = { type: 'policy', id: live?.id ?? managed.id, name: managed.name };
    const placement = lz.guardrails.fullAwsAccess;
    if (!live) {
      return [finding({
        category: 'policy-missing', severity: 'critical', resource, expected: managed.name, actual: null, location: placement.source ?? fileLocation(GUARDRAILS_FILE),
        message: `AWS's ${managed.name} is not among the organization's ${managed.type} policies although the type is enabled: the snapshot is wrong or incomplete`,
        remediation: 'record the snapshot again from the management account',
      })];
    }
    const declared: { id: string | undefined; name: string; keeps: boolean; source: SourceLocation }[] = [
      ...[...lz.ous.values()].map((ou) => ({ id: ctx.match.ouIds.get(ou.path), name: ou.path, keeps: !scp || hasFullAwsAccess(lz.guardrails, { kind: 'ou', name: ou.path }), source: ou.source })),
      ...[...lz.accounts.values()].map((a) => ({ id: ctx.match.accounts.get(a.name)?.id, name: a.name, keeps: !scp || hasFullAwsAccess(lz.guardrails, { kind: 'account', name: a.name }), source: a.source })),
    ];
    const attached = new Set(live.targets);
    const out: Finding[] = [];
    for (const t of declared) {
      if (!t.id || attached.has(t.id) === t.keeps) continue;
      if (t.keeps) {
        out.push(finding({
          category: 'policy-detached', severity: scp ? 'critical' : 'high', resource, about: t.id, expected: t.name, actual: null, location: t.source,
          message: scp
            ? `AWS's FullAWSAccess (${live.id}) is not attached to ${t.name === ROOT ? 'the root' : t.name} (${t.id}), where the declaration keeps it: below it, only what lzkit's SCPs allow there gets through`
            : `AWS's RCPFullAWSAccess (${live.id}) is not attached to ${t.name === ROOT ? 'the root' : t.name} (${t.id}): AWS does not let it be detached, so RCPs are not enabled there or the snapshot is wrong`,
          remediation: scp
            ? `aws organizations attach-policy --policy-id ${live.id} --target-id ${t.id} (or redeploy the guardrails stack), or declare it detached under fullAwsAccess.detachFrom in ${GUARDRAILS_FILE}`
            : 'check that resource control policies are enabled on the root, and record the snapshot again',
        }));
      } else {
        out.push(unexpectedAttachment(live, t.id, t.name, placement.source ?? fileLocation(GUARDRAILS_FILE), 'high',
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
