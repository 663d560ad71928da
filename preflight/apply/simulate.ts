import type { Account, LandingZone } from '../../model';
import { Simulator, simulatedAccountId, simulatorFor, SimulationError, type Reason } from '../../model/simulate';
import { STACK_INSTANCE_ACTIONS, CLOUDFORMATION_TO_TERRAFORM } from '../actions/cloudformation';
import { actionTable, type ResourceActions } from '../actions/table';
import { locate, type Level, type PreflightFinding } from '../finding';
import { stackSetDeployments } from '../stacksets';
import { argumentsOf, type StackView } from '../synthesized';
import { locateArn, templateResourceArn } from './arns';
import { callerOf, stackSetExecutionRole } from './callers';
import { actionsByOperation, TEMPLATE_PROPERTY_ARGUMENT, type Operation } from './operations';

export const APPLY_RULE = 'apply-simulation';
export const APPLY_DOC = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html';

/** What the apply simulation evaluated, for the report and the benchmarks of its coverage. */
export interface ApplyStats {
  /** (resource, account) pairs evaluated in member accounts. */
  readonly evaluated: number;
  /** Of those, how many acted on an ARN their arguments name exactly. */
  readonly exactResources: number;
  /** How many acted on their type's ARN with any id (AWS assigns the id at create). */
  readonly typedResources: number;
  /** How many had no ARN at all and were evaluated on `*`. */
  readonly wildcardResources: number;
  readonly decisions: number;
  /** Resources in the management account, where no SCP or RCP applies. */
  readonly management: number;
}

interface Call {
  readonly stack: StackView;
  readonly address: string;
  readonly account: Account;
  readonly principal: string;
  readonly region: string;
  readonly resource: string;
  readonly arnFrom: 'arguments' | 'type' | 'none';
  readonly actions: Record<Operation, string[]>;
  /** The chain of the deploy's first run at this stack (create), or the whole declaration. */
  readonly createChain: Simulator;
}

/**
 * Replays the first deploy through the guardrails: every resource of every stack, in deploy
 * order, as the principal that creates it (the provider's assumed role; the StackSet execution
 * role for StackSet instances), each IAM action its create, update and destroy calls need,
 * evaluated with the simulator. Creates see the guardrails in force when their stack deploys
 * (before the guardrails stack, only the adopted policies); updates and destroys see them all.
 */
export function simulateApply(lz: LandingZone, stacks: readonly StackView[]): { findings: PreflightFinding[]; stats: ApplyStats } {
  const table = actionTable();
  const full = simulatorFor(lz);
  const beforeGuardrails = new Simulator({ ...lz, guardrails: { ...lz.guardrails, attachments: lz.guardrails.attachments.filter((a) => lz.guardrails.policies.get(a.policyId)?.existingId) } });
  const calls: Call[] = [];
  let management = 0;
  let guardrailsDeployed = false;
  const problems: PreflightFinding[] = [];
  for (const stack of stacks) {
    const chain = guardrailsDeployed ? full : beforeGuardrails;
    for (const r of [...stack.resources, ...stack.data]) {
      const isData = r.address.startsWith('data.');
      if (isData && r.type === 'terraform_remote_state') continue;
      const entry = (isData ? table.dataSources : table.resources)[r.type];
      const caller = callerOf(lz, stack, r);
      if (caller.kind === 'management') { management++; continue; }
      if (caller.kind === 'unknown') {
        problems.push(finding(stack, r.address, 'error', `${r.address} ${caller.reason}: preflight cannot tell which account creates it`));
        continue;
      }
      if (!entry) {
        problems.push(finding(stack, r.address, 'error', `${r.address}: no IAM actions are known for ${r.type}; add it to preflight/actions (update.ts) so the apply simulation covers it`));
        continue;
      }
      const arn = locateArn(r, { accountId: simulatedAccountId(caller.account), region: caller.region, stack });
      calls.push({ stack, address: r.address, account: caller.account, principal: caller.principal, region: caller.region, resource: arn?.arn ?? '*', arnFrom: arn?.from ?? 'none',
        actions: actionsByOperation(entry, new Set(Object.keys(argumentsOf(r)))), createChain: chain });
    }
    if (stack.resources.some((r) => r.type === 'aws_organizations_policy_attachment')) guardrailsDeployed = true;
  }
  // StackSet instances: the template's resources, in every target account, as the execution role.
  for (const d of stackSetDeployments(stacks, lz)) {
    const address = d.instance?.address ?? d.stackSet.address;
    if (d.unresolvedTargets.length) problems.push(finding(d.stack, address, 'warning', `${address} targets ${d.unresolvedTargets.join(', ')}, which preflight cannot place in the declared OU tree: its instances there were not simulated`));
    const name = typeof d.stackSet.body.name === 'string' ? d.stackSet.body.name : 'stackset';
    for (const account of d.accounts) {
      const id = simulatedAccountId(account);
      const region = d.region ?? lz.organization.homeRegion;
      const principal = stackSetExecutionRole(account);
      calls.push({ stack: d.stack, address, account, principal, region, resource: `arn:aws:cloudformation:${region}:${id}:stack/StackSet-${name}-*`, arnFrom: 'type',
        actions: { create: [...STACK_INSTANCE_ACTIONS], update: [], destroy: [] }, createChain: full });
      for (const t of d.template) {
        const type = CLOUDFORMATION_TO_TERRAFORM[t.type];
        const entry: ResourceActions | undefined = type ? table.resources[type] : undefined;
        if (!entry) {
          problems.push(finding(d.stack, address, 'error', `${address}: template resource ${t.logicalId} (${t.type}) has no IAM actions known; map it in preflight/actions/cloudformation.ts`));
          continue;
        }
        const set = new Set(Object.keys(t.properties).map((p) => TEMPLATE_PROPERTY_ARGUMENT[p]).filter((x): x is string => !!x));
        const arn = templateResourceArn(t.type, t.properties, id);
        calls.push({ stack: d.stack, address: `${address} (${t.logicalId})`, account, principal, region, resource: arn ?? '*', arnFrom: arn ? 'arguments' : 'none',
          actions: actionsByOperation(entry, set), createChain: full });
      }
    }
  }
  const { findings, decisions } = evaluateCalls(calls, full);
  return {
    findings: [...problems, ...findings],
    stats: {
      evaluated: calls.length, exactResources: calls.filter((c) => c.arnFrom === 'arguments').length, typedResources: calls.filter((c) => c.arnFrom === 'type').length,
      wildcardResources: calls.filter((c) => c.arnFrom === 'none').length, decisions, management,
    },
  };
}

function evaluateCalls(calls: readonly Call[], full: Simulator): { findings: PreflightFinding[]; decisions: number } {
  // One finding per resource, action and deciding statement, listing every account it hits.
  const grouped = new Map<string, { call: Call; action: string; operation: Operation; reason: Reason; accounts: Set<string> }>();
  let decisions = 0;
  for (const call of calls) {
    for (const operation of ['create', 'update', 'destroy'] as const) {
      const sim = operation === 'create' ? call.createChain : full;
      for (const action of call.actions[operation]) {
        let result;
        try {
          result = sim.simulate({ account: call.account.name, action, principal: call.principal, resource: call.resource, region: call.region });
        } catch (e) {
          if (e instanceof SimulationError) continue;
          throw e;
        }
        decisions++;
        if (result.decision === 'Allowed') continue;
        for (const reason of result.reasons) {
          const key = `${call.stack.name}|${call.address}|${action}|${reason.policy}|${reason.statement}|${reason.level}|${operation}`;
          const g = grouped.get(key) ?? { call, action, operation, reason, accounts: new Set<string>() };
          g.accounts.add(call.account.name);
          grouped.set(key, g);
        }
      }
    }
  }
  const findings = [...grouped.values()].map(({ call, action, operation, reason, accounts }) => {
    const list = [...accounts];
    const where = `in account${list.length > 1 ? 's' : ''} ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` and ${list.length - 4} more` : ''}`;
    const by = reason.effect === 'ImplicitDeny'
      ? `no ${reason.type} at ${reason.level} allows it (FullAWSAccess detached and no Allow there)`
      : `guardrail '${reason.policy}' statement '${reason.statement}' (${reason.type} at ${reason.level}) denies it`;
    const address = call.address.split(' ')[0];
    const at = full.chains.chainOf(call.account).attachments.get(reason.level)?.get(reason.policy)?.source;
    const attached = at ? `, attached at ${at.file}:${at.line}` : '';
    const message = `${call.address}: ${operation} needs ${action} on ${call.resource} ${where} as ${call.principal}, and ${by}${attached}`
      + (operation === 'destroy' ? '; removing the resource later will fail' : `; exempt the principal in the guardrail, or attach it elsewhere`);
    return finding(call.stack, address, operation === 'destroy' ? 'warning' : 'error', message);
  });
  return { findings, decisions };
}

function finding(stack: StackView, address: string, level: Level, message: string): PreflightFinding {
  return { rule: APPLY_RULE, level, stack: stack.name, resource: address, ...locate(stack, address), message, doc: APPLY_DOC };
}

/** The resource types of the stacks that the vendored action table does not cover (a test keeps this empty). */
export function uncoveredTypes(stacks: readonly StackView[]): string[] {
  const table = actionTable();
  const missing = new Set<string>();
  for (const s of stacks) {
    for (const r of s.resources) if (!table.resources[r.type]) missing.add(r.type);
    for (const d of s.data) if (d.type !== 'terraform_remote_state' && !table.dataSources[d.type]) missing.add(`data.${d.type}`);
  }
  return [...missing].sort();
}

