import { FULL_AWS_ACCESS_POLICY_ID, type DesiredTarget } from '../desired';
import { desiredShards } from '../desired/shards';
import { landingZoneStack } from './backend';
import { DataResource, TerraformStack, type ITerraformDependable } from './cdktf';
import { GuardrailPolicy } from './constructs/guardrail-policy';
import { logicalId } from './constructs/logical-id';
import type { StackContext } from './context';
import { ORGANIZATION_STACK } from './organization';
import { defaultProvider } from './providers';
import { stringInStacks } from './resolve';

export const GUARDRAILS_STACK = 'guardrails';

/**
 * The guardrails stack (management account, its own state so a guardrail edit never plans
 * anything on accounts): one policy per guardrail in policies/. Its attachment points and the
 * FullAWSAccess detachments live in the guardrails shard stacks (`guardrails-<top-level OU>[_n]`,
 * model/shards.ts), each with the targets of its part of the organization, so attaching a
 * guardrail to one OU plans only that OU's shard. OU and account ids come from the organization
 * and account stacks: literals for adopted ones, cross-stack references for created ones.
 */
export function guardrailsStack(ctx: StackContext): void {
  const { lz } = ctx;
  const desired = ctx.desired.guardrails;
  if (desired.policies.length === 0) return;

  const stack = landingZoneStack(ctx.app, lz, GUARDRAILS_STACK);
  defaultProvider(stack, lz);
  // Deploy order even when every id is adopted (literal) and no reference links the stacks.
  const organizationStack = ctx.app.node.tryFindChild(ORGANIZATION_STACK) as TerraformStack;
  stack.addDependency(organizationStack);

  const resolve = (text: string) => stringInStacks(ctx, text);
  const policies = new Map<string, GuardrailPolicy>();
  for (const p of desired.policies) policies.set(p.id, new GuardrailPolicy(stack, logicalId('guardrail', [p.id]), { policy: p, resolve }));

  for (const [name, shard] of desiredShards(lz, ctx.desired).guardrails) {
    const shardStack = landingZoneStack(ctx.app, lz, name);
    defaultProvider(shardStack, lz);
    shardStack.addDependency(stack);
    const attachedAt = new Map<string, ITerraformDependable[]>();
    for (const a of shard.attachments) {
      const targetId = resolve(a.target.id);
      const policy = policies.get(a.policyId)!;
      const attachment = policy.attachTo(shardStack, a.target, targetId);
      const key = `${a.target.kind}:${a.target.name}`;
      attachedAt.set(key, [...(attachedAt.get(key) ?? []), attachment]);
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_policy_attachment#import
      ctx.movables.push({
        address: `aws_organizations_policy_attachment.${attachment.friendlyUniqueId}`, stack: shardStack, resource: attachment,
        imported: false, importId: `${targetId}:${policy.policyId}`, unshardedStack: GUARDRAILS_STACK,
      });
    }
    for (const target of shard.detachments) {
      const targetId = resolve(target.id);
      const detachment = detachFullAwsAccess(shardStack, target, targetId, attachedAt.get(`${target.kind}:${target.name}`) ?? []);
      // terraform_data takes any id on import; its provisioners run on create only, so an imported detachment detaches nothing again.
      ctx.movables.push({
        address: `terraform_data.${detachment.friendlyUniqueId}`, stack: shardStack, resource: detachment,
        imported: false, importId: targetId, unshardedStack: GUARDRAILS_STACK,
      });
    }
  }
}

/**
 * AWS attaches FullAWSAccess to every root, OU and account, and the AWS provider has no resource
 * that detaches a policy it did not attach. So a `terraform_data` runs lzkit's own command: it
 * detaches FullAWSAccess when created and attaches it again when destroyed (the declaration no
 * longer detaches it there). It runs after lzkit's SCPs are attached to that target, since AWS
 * refuses to detach a target's last SCP:
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html
 */
function detachFullAwsAccess(stack: TerraformStack, target: DesiredTarget, targetId: string, after: ITerraformDependable[]): DataResource {
  const name = logicalId('detach_full_aws_access', [target.kind, ...target.name.split('/')]);
  // A destroy-time provisioner may only read `self`: the target id travels in the input.
  const command = (verb: 'attach' | 'detach') => `npx --no-install lzkit full-aws-access ${verb} --target-id \${self.output.target_id}`;
  const detachment = new DataResource(stack, name, {
    input: { policy_id: FULL_AWS_ACCESS_POLICY_ID, target_id: targetId, target: `${target.kind} ${target.name}` },
    dependsOn: after,
    provisioners: [
      { type: 'local-exec', command: command('detach') },
      { type: 'local-exec', when: 'destroy', command: command('attach') },
    ],
  });
  detachment.overrideLogicalId(name);
  return detachment;
}
