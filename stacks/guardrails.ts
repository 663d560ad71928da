import { landingZoneStack } from './backend';
import { TerraformStack } from './cdktf';
import { GuardrailPolicy } from './constructs/guardrail-policy';
import { logicalId } from './constructs/logical-id';
import type { StackContext } from './context';
import { ORGANIZATION_STACK } from './organization';
import { defaultProvider } from './providers';

export const GUARDRAILS_STACK = 'guardrails';

/**
 * The guardrails stack (management account, its own state so a guardrail edit never plans
 * anything on accounts): one policy per guardrail in policies/, one attachment per attachment
 * point. OU and account ids come from the organization stack: literals for adopted ones,
 * cross-stack references for the ones it creates.
 */
export function guardrailsStack(ctx: StackContext): void {
  const { lz } = ctx;
  const refs = ctx.refs.organization;
  if (lz.guardrails.policies.size === 0) return;
  if (!refs) throw new Error('lzkit: the guardrails stack needs the organization stack built before it (stacks/app.ts order)');

  const stack = landingZoneStack(ctx.app, lz, GUARDRAILS_STACK);
  defaultProvider(stack, lz);
  // Deploy order even when every id is adopted (literal) and no reference links the stacks.
  const organizationStack = ctx.app.node.tryFindChild(ORGANIZATION_STACK);
  if (organizationStack instanceof TerraformStack) stack.addDependency(organizationStack);

  const policies = new Map<string, GuardrailPolicy>();
  for (const g of lz.guardrails.policies.values()) {
    policies.set(g.id, new GuardrailPolicy(stack, logicalId('guardrail', [g.id]), {
      guardrail: g,
      resolve: (v) => (v.kind === 'organization-id' ? refs.organizationId : refs.accountId(v.account)),
    }));
  }
  for (const a of lz.guardrails.attachments) {
    const policy = policies.get(a.policyId);
    if (!policy) continue; // validation reports attachments of unknown policies
    for (const ou of a.ous) policy.attachTo('ou', ou, refs.ouId(ou));
    for (const name of a.accounts) policy.attachTo('account', name, refs.accountId(name));
  }
}
