/**
 * The floor for the synth benchmark: a bare cdktf program that emits the same resources as lzkit
 * (organization, RAM sharing, root access features, OUs, accounts, delegated administrators, policies, attachments, import blocks,
 * lifecycle, backends, cross-stack references) straight from a flat JSON plan. No model, no
 * schema, no validation, no constructs of our own: what any cdktf program of this size costs.
 */
import { IamOrganizationsFeatures } from '@cdktf/provider-aws/lib/iam-organizations-features';
import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamSharingWithOrganization } from '@cdktf/provider-aws/lib/ram-sharing-with-organization';
import { App, LocalBackend, TerraformOutput, TerraformStack } from '../stacks/cdktf';

/** Everything the baseline needs, flattened by the benchmark driver (not timed). */
export interface BaselinePlan {
  organization: { id?: string; policyTypes: string[]; trusted: string[]; managementId: string; region: string; deploymentRole: string; rootAccessFeatures: string[]; ramSharing: boolean };
  /** parent: index into ous, or -1 for the root. */
  ous: { key: string; name: string; parent: number; id?: string }[];
  /** stack: the account shard stack lzkit puts it in. */
  accounts: { key: string; name: string; email: string; ou: number; id?: string; tags: Record<string, string>; stack: string }[];
  /** One per designation (lzkit designates GuardDuty and Security Hub administrators per region). */
  delegated: { key: string; service: string; account: number }[];
  policies: { key: string; name: string; description: string; type: string; content: string; id?: string; tags: Record<string, string> }[];
  /** target: ou index (-1 = root) or account index; stack: the guardrails shard stack lzkit puts it in. */
  attachments: { key: string; policy: number; kind: 'ou' | 'account'; target: number; stack: string }[];
  /** Local state path per stack name. */
  statePaths: Record<string, string>;
}

/** The stacks lzkit writes, in its layout: organization, account shards, delegated administrators, guardrails, guardrail shards. */
export const BASELINE_STACKS = { organization: 'organization', delegated: 'delegated-administrators', guardrails: 'guardrails' } as const;

export function synthBaseline(plan: BaselinePlan, outdir: string): void {
  // No validation at all: not lzkit's, not cdktf's (the floor the issue defines).
  const app = new App({ outdir, skipValidation: true });
  const o = plan.organization;
  const stackNamed = (name: string): TerraformStack => {
    const stack = new TerraformStack(app, name);
    new LocalBackend(stack, { path: plan.statePaths[name] });
    new AwsProvider(stack, 'aws-default', { region: o.region, allowedAccountIds: [o.managementId], defaultTags: [{ tags: { 'managed-by': 'lzkit' } }] });
    return stack;
  };

  const orgStack = stackNamed(BASELINE_STACKS.organization);
  const org = new OrganizationsOrganization(orgStack, 'organization', { featureSet: 'ALL', enabledPolicyTypes: o.policyTypes, awsServiceAccessPrincipals: o.trusted, lifecycle: { preventDestroy: true } });
  if (o.id) org.importFrom(o.id);
  if (o.ramSharing) new RamSharingWithOrganization(orgStack, 'ram_sharing_with_organization', { dependsOn: [org] });
  if (o.rootAccessFeatures.length) new IamOrganizationsFeatures(orgStack, 'root_access', { enabledFeatures: o.rootAccessFeatures, dependsOn: [org] });
  const rootId = org.roots.get(0).id;
  const ous: OrganizationsOrganizationalUnit[] = [];
  for (const ou of plan.ous) {
    const r = new OrganizationsOrganizationalUnit(orgStack, ou.key, { name: ou.name, parentId: ou.parent < 0 ? rootId : ous[ou.parent].id });
    if (ou.id) r.importFrom(ou.id);
    ous.push(r);
  }
  new TerraformOutput(orgStack, 'organization_id', { value: org.id });
  new TerraformOutput(orgStack, 'root_id', { value: rootId });
  new TerraformOutput(orgStack, 'ou_ids', { value: Object.fromEntries(plan.ous.map((ou, i) => [ou.key, ous[i].id])) });
  const ouId = (i: number) => (i < 0 ? rootId : plan.ous[i].id ?? ous[i].id);

  const shards = new Map<string, TerraformStack>();
  const shard = (name: string, after: TerraformStack) => {
    let stack = shards.get(name);
    if (!stack) {
      shards.set(name, stack = stackNamed(name));
      stack.addDependency(after);
    }
    return stack;
  };
  const outputs = new Map<string, Record<string, string>>();
  const accounts = plan.accounts.map((a) => {
    const stack = shard(a.stack, orgStack);
    const r = new OrganizationsAccount(stack, a.key, {
      name: a.name, email: a.email, parentId: ouId(a.ou), closeOnDeletion: false,
      roleName: a.id ? undefined : o.deploymentRole, tags: a.tags,
      lifecycle: { preventDestroy: true, ignoreChanges: ['role_name', 'iam_user_access_to_billing'] },
    });
    if (a.id) r.importFrom(a.id);
    let ids = outputs.get(a.stack);
    if (!ids) outputs.set(a.stack, ids = {});
    ids[a.name] = r.id;
    return r;
  });
  for (const [name, ids] of outputs) new TerraformOutput(shards.get(name)!, 'account_ids', { value: ids });
  const accountId = (i: number) => plan.accounts[i].id ?? accounts[i].id;

  if (plan.delegated.length) {
    const dStack = stackNamed(BASELINE_STACKS.delegated);
    dStack.addDependency(orgStack);
    for (const d of plan.delegated) new OrganizationsDelegatedAdministrator(dStack, d.key, { accountId: accountId(d.account), servicePrincipal: d.service });
  }

  const gStack = stackNamed(BASELINE_STACKS.guardrails);
  gStack.addDependency(orgStack);
  const byName = new Map(plan.accounts.map((a, i) => [a.name, i]));
  const policies = plan.policies.map((p) => {
    const content = p.content.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')
      .replace(/lzkit:late-bound:(organization-id|account-id\/[a-z0-9-]+)/g, (_m, w: string) => (w === 'organization-id' ? o.id ?? org.id : accountId(byName.get(w.slice(11))!)));
    const r = new OrganizationsPolicy(gStack, p.key, { name: p.name, description: p.description, type: p.type, content, tags: p.tags });
    if (p.id) r.importFrom(p.id);
    return r;
  });
  for (const a of plan.attachments) {
    new OrganizationsPolicyAttachment(shard(a.stack, gStack), a.key, { policyId: policies[a.policy].id, targetId: a.kind === 'ou' ? ouId(a.target) : accountId(a.target) });
  }
  app.synth();
}
