import { accountKey, keysOf, providerAccountKey } from '../organization';
import { stackSetDeployments } from '../stacksets';
import { allResources, block, providerOf, referencesIn, str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

/**
 * Identity Center attaches a customer managed policy (or a boundary) by name and path; the policy
 * must already exist in every account the permission set is assigned to, or provisioning fails.
 * Created means an `aws_iam_policy` in that account, or an `AWS::IAM::ManagedPolicy` in a
 * service-managed StackSet that reaches it.
 */
export const permissionSetPoliciesExist: PreconditionRule = {
  id: 'permission-set-policies-exist',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/howtocmp.html',
  description: 'Every customer managed policy a permission set names (attachment or permissions boundary) is created in every account the permission set is assigned to.',
  check({ stacks, lz }) {
    const all = allResources(stacks);
    // permission set address -> policies it names
    const named = new Map<string, { policy: string; from: string; stack: string }[]>();
    for (const { stack, resource: r } of all) {
      const ref = r.type === 'aws_ssoadmin_customer_managed_policy_attachment' ? block(r.body, 'customer_managed_policy_reference')
        : r.type === 'aws_ssoadmin_permissions_boundary_attachment' ? block(block(r.body, 'permissions_boundary') ?? {}, 'customer_managed_policy_reference')
          : undefined;
      const set = [...referencesIn(str(r.body, 'permission_set_arn') ?? '')].find((a) => a.startsWith('aws_ssoadmin_permission_set.'));
      if (!ref || !set) continue;
      const policy = policyKey(str(ref, 'name'), str(ref, 'path'));
      named.set(set, [...(named.get(set) ?? []), { policy, from: r.address, stack: stack.name }]);
    }
    if (!named.size) return NOT_APPLICABLE;
    const created = new Set<string>();
    for (const { stack, resource: r } of all.filter((x) => x.resource.type === 'aws_iam_policy')) {
      created.add(`${providerAccountKey(providerOf(stack, r))}|${policyKey(str(r.body, 'name'), str(r.body, 'path'))}`);
    }
    for (const d of stackSetDeployments(stacks, lz)) {
      for (const t of d.template.filter((x) => x.type === 'AWS::IAM::ManagedPolicy')) {
        const p = t.properties as { ManagedPolicyName?: unknown; Path?: unknown };
        const policy = policyKey(typeof p.ManagedPolicyName === 'string' ? p.ManagedPolicyName : undefined, typeof p.Path === 'string' ? p.Path : undefined);
        for (const a of d.accounts) for (const key of [a.id, `account:${a.name}`]) if (key) created.add(`${key}|${policy}`);
      }
    }
    const problems: RuleProblem[] = [];
    for (const { stack, resource: r } of all.filter((x) => x.resource.type === 'aws_ssoadmin_account_assignment')) {
      const set = [...referencesIn(str(r.body, 'permission_set_arn') ?? '')].find((a) => a.startsWith('aws_ssoadmin_permission_set.'));
      const account = accountKey(str(r.body, 'target_id'));
      if (!set || !account) continue;
      const accountKeys = keysOf(account, lz);
      for (const n of named.get(set) ?? []) {
        if (accountKeys.some((k) => created.has(`${k}|${n.policy}`))) continue;
        problems.push({ stack: stack.name, resource: r.address, message: `${r.address} assigns ${set} to account ${account.replace(/^account:/, '')}, but the customer managed policy ${n.policy} it names (${n.from}) is created in no stack for that account: create it there (aws_iam_policy or a StackSet) before the assignment` });
      }
    }
    return outcome(problems);
  },
};

/** `path + name`, the way IAM identifies a customer managed policy in an account. */
function policyKey(name: string | undefined, path: string | undefined): string {
  return `${path ?? '/'}${name ?? '?'}`;
}
