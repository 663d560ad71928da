import { FULL_AWS_ACCESS_POLICY_ID, type DesiredTarget } from '../desired';
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
 * anything on accounts): one policy per guardrail in policies/, one attachment per attachment
 * point, and FullAWSAccess detached where the declaration says. OU and account ids come from the
 * organization stack: literals for adopted ones, cross-stack references for the ones it creates.
 */
export function guardrailsStack(ctx: StackContext): void {
  const { lz } = ctx;
  const desired = ctx.desired.guardrails;
  if (desired.policies.length === 0) return;

  const stack = landingZoneStack(ctx.app, lz, GUARDRAILS_STACK);
  defaultProvider(stack, lz);
  // Deploy order even when every id is adopted (literal) and no reference links the stacks.
  const organizationStack = ctx.app.node.tryFindChild(ORGANIZATION_STACK);
  if (organizationStack instanceof TerraformStack) stack.addDependency(organizationStack);

  const resolve = (text: string) => stringInStacks(ctx, text);
  const policies = new Map<string, GuardrailPolicy>();
  for (const p of desired.policies) policies.set(p.id, new GuardrailPolicy(stack, logicalId('guardrail', [p.id]), { policy: p, resolve }));
  const attachedAt = new Map<string, ITerraformDependable[]>();
  for (const a of desired.attachments) {
    const attachment = policies.get(a.policyId)!.attachTo(a.target, resolve(a.target.id));
    const key = `${a.target.kind}:${a.target.name}`;
    attachedAt.set(key, [...(attachedAt.get(key) ?? []), attachment]);
  }
  for (const target of desired.fullAwsAccessDetachments) {
    detachFullAwsAccess(stack, target, resolve(target.id), attachedAt.get(`${target.kind}:${target.name}`) ?? []);
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
function detachFullAwsAccess(stack: TerraformStack, target: DesiredTarget, targetId: string, after: ITerraformDependable[]): void {
  const name = logicalId('detach_full_aws_access', [target.kind, ...target.name.split('/')]);
  // A destroy-time provisioner may only read `self`: the target id travels in the input.
  const command = (verb: 'attach' | 'detach') => `npx --no-install lzkit full-aws-access ${verb} --target-id \${self.output.target_id}`;
  new DataResource(stack, name, {
    input: { policy_id: FULL_AWS_ACCESS_POLICY_ID, target_id: targetId, target: `${target.kind} ${target.name}` },
    dependsOn: after,
    provisioners: [
      { type: 'local-exec', command: command('detach') },
      { type: 'local-exec', when: 'destroy', command: command('attach') },
    ],
  }).overrideLogicalId(name);
}
