import { AwsError, page } from '../../../sandbox/protocol';
import type { JsonHandler } from '../../../sandbox/service';
import { served, type SandboxWorld } from '../../../sandbox/world';

const epoch = (): number => Math.floor(Date.UTC(2020, 0, 1) / 1000);

function policySummary(w: SandboxWorld, id: string) {
  const p = w.policies.get(id);
  if (!p) throw new AwsError('PolicyNotFoundException', `We can't find a policy with the PolicyId that you specified.`);
  return { Id: p.id, Arn: p.arn ?? `arn:aws:organizations::${w.managementAccountId}:policy/${w.snapshot.organization.id}/${p.id}`, Name: p.name, Description: p.description ?? '', Type: p.type, AwsManaged: p.awsManaged };
}

function attachmentOf(w: SandboxWorld, input: Record<string, unknown>) {
  const policy = w.policies.get(String(input.PolicyId ?? ''));
  if (!policy) throw new AwsError('PolicyNotFoundException', `We can't find a policy with the PolicyId that you specified.`);
  const target = String(input.TargetId ?? '');
  if (target !== w.snapshot.root.id && !w.parents.has(target) && !w.accounts.has(target)) {
    throw new AwsError('TargetNotFoundException', 'We can\'t find a root, OU, account, or email that matches the ID that you specified.');
  }
  return { policy, target, targets: served(policy.targets, 'organizations:ListTargetsForPolicy') };
}

function parent(w: SandboxWorld, input: Record<string, unknown>): string {
  const id = String(input.ParentId ?? '');
  if (!w.parents.has(id)) throw new AwsError('ParentNotFoundException', `We can't find a root or OU with the ParentId that you specified.`);
  return id;
}

/**
 * The read-only Organizations operations the collectors call (JSON 1.1, X-Amz-Target). Accounts
 * carry `State` and `Paths` only, as after the retirement of `Status` (September 9, 2026, per the
 * doc comment of Account.Status in @aws-sdk/client-organizations).
 */
export const ORGANIZATIONS_OPERATIONS: Readonly<Record<string, JsonHandler>> = {
  DescribeOrganization: (w) => {
    const o = w.snapshot.organization;
    return {
      Organization: {
        Id: o.id, Arn: o.arn, FeatureSet: o.featureSet, MasterAccountId: o.managementAccountId, MasterAccountEmail: o.managementAccountEmail,
        MasterAccountArn: `arn:aws:organizations::${o.managementAccountId}:account/${o.id}/${o.managementAccountId}`,
      },
    };
  },
  // Any account of the organization may call it (its doc comment in @aws-sdk/client-organizations);
  // EffectivePolicyNotFoundException when no policy of the type reaches the target.
  DescribeEffectivePolicy: (w, input) => {
    const e = served(w.snapshot.effectivePolicies ?? [], 'organizations:DescribeEffectivePolicy').find((x) => x.accountId === input.TargetId && x.type === input.PolicyType);
    const content = e ? served(e.content, 'organizations:DescribeEffectivePolicy') : null;
    if (content === null) throw new AwsError('EffectivePolicyNotFoundException', 'We can\'t find an effective policy of that type for the specified target.');
    return { EffectivePolicy: { PolicyContent: content, LastUpdatedTimestamp: epoch(), TargetId: input.TargetId, PolicyType: input.PolicyType } };
  },
  /*
   * The two writes `lzkit full-aws-access` makes (the guardrails stack runs it to place FullAWSAccess),
   * with the errors the Organizations API reference documents for them:
   * https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html
   * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html
   */
  AttachPolicy: (w, input) => {
    const { policy, target, targets } = attachmentOf(w, input);
    if (targets.includes(target)) throw new AwsError('DuplicatePolicyAttachmentException', 'The selected policy is already attached to the specified target.');
    (policy as unknown as { targets: string[] }).targets = [...targets, target].sort();
    return {};
  },
  DetachPolicy: (w, input) => {
    const { policy, target, targets } = attachmentOf(w, input);
    if (!targets.includes(target)) throw new AwsError('PolicyNotAttachedException', 'The policy isn\'t attached to the specified target in the specified root.');
    const sameType = [...w.policies.values()].filter((p) => p.type === policy.type && served(p.targets, 'organizations:ListTargetsForPolicy').includes(target));
    if (policy.type === 'SERVICE_CONTROL_POLICY' && sameType.length === 1) {
      throw new AwsError('ConstraintViolationException', 'You cannot remove the last service control policy from a target: MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    }
    (policy as unknown as { targets: string[] }).targets = targets.filter((t) => t !== target);
    return {};
  },
  ListRoots: (w) => {
    const r = w.snapshot.root;
    return { Roots: [{ Id: r.id, Arn: r.arn ?? `arn:aws:organizations::${w.managementAccountId}:root/${w.snapshot.organization.id}/${r.id}`, Name: r.name, PolicyTypes: r.policyTypes.map((p) => ({ Type: p.type, Status: p.status })) }] };
  },
  ListAWSServiceAccessForOrganization: (w, input, size) => {
    const p = page(served(w.snapshot.trustedServices, 'organizations:ListAWSServiceAccessForOrganization'), input, size);
    return { EnabledServicePrincipals: p.items.map((s) => ({ ServicePrincipal: s, DateEnabled: epoch() })), NextToken: p.NextToken };
  },
  ListDelegatedAdministrators: (w, input, size) => {
    const p = page(served(w.snapshot.delegatedAdministrators, 'organizations:ListDelegatedAdministrators'), input, size);
    return {
      DelegatedAdministrators: p.items.map((d) => {
        const a = w.accounts.get(d.accountId);
        return { Id: d.accountId, Name: a?.name, Email: a?.email, State: a?.state ?? 'ACTIVE', JoinedMethod: a?.joinedMethod ?? 'CREATED', DelegationEnabledDate: epoch() };
      }),
      NextToken: p.NextToken,
    };
  },
  ListDelegatedServicesForAccount: (w, input, size) => {
    const d = served(w.snapshot.delegatedAdministrators, 'organizations:ListDelegatedServicesForAccount').find((x) => x.accountId === input.AccountId);
    if (!d) throw new AwsError('AccountNotRegisteredException', 'The provided account is not a registered delegated administrator for your organization.');
    const p = page(served(d.servicePrincipals, 'organizations:ListDelegatedServicesForAccount'), input, size);
    return { DelegatedServices: p.items.map((s) => ({ ServicePrincipal: s, DelegationEnabledDate: epoch() })), NextToken: p.NextToken };
  },
  ListOrganizationalUnitsForParent: (w, input, size) => {
    served(w.snapshot.organizationalUnits, 'organizations:ListOrganizationalUnitsForParent');
    const p = page(w.ousByParent.get(parent(w, input)) ?? [], input, size);
    return { OrganizationalUnits: p.items.map((o) => ({ Id: o.id, Arn: o.arn, Name: o.name })), NextToken: p.NextToken };
  },
  ListAccountsForParent: (w, input, size) => {
    served(w.snapshot.accounts, 'organizations:ListAccountsForParent');
    const p = page(w.accountsByParent.get(parent(w, input)) ?? [], input, size);
    return {
      Accounts: p.items.map((a) => ({ Id: a.id, Arn: a.arn, Name: a.name, Email: a.email, State: a.state, Paths: a.paths, JoinedMethod: a.joinedMethod ?? 'CREATED', JoinedTimestamp: epoch() })),
      NextToken: p.NextToken,
    };
  },
  ListPolicies: (w, input, size) => {
    if (!input.Filter) throw new AwsError('InvalidInputException', 'Filter is required');
    served(w.snapshot.policies, 'organizations:ListPolicies');
    const p = page([...w.policies.values()].filter((x) => x.type === input.Filter), input, size);
    return { Policies: p.items.map((x) => policySummary(w, x.id)), NextToken: p.NextToken };
  },
  DescribePolicy: (w, input) => {
    const summary = policySummary(w, String(input.PolicyId ?? ''));
    return { Policy: { PolicySummary: summary, Content: served(w.policies.get(summary.Id)!.content, 'organizations:DescribePolicy') } };
  },
  ListTargetsForPolicy: (w, input, size) => {
    const policy = w.policies.get(String(input.PolicyId ?? ''));
    if (!policy) throw new AwsError('PolicyNotFoundException', `We can't find a policy with the PolicyId that you specified.`);
    const p = page(served(policy.targets, 'organizations:ListTargetsForPolicy'), input, size);
    return { Targets: p.items.map((t) => ({ TargetId: t, Name: w.targetName(t), Type: w.targetType(t) })), NextToken: p.NextToken };
  },
};
