import type { Account, LandingZone } from '../model';
import { expandTargets } from '../model/targets';
import { accountKey } from './organization';
import { block, str, strings, waitsFor, type StackView, type TerraformResourceJson } from './synthesized';

/** A resource of a StackSet's CloudFormation template. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A service-managed StackSet and where its instances land. */
export interface StackSetDeployment {
  readonly stack: StackView;
  readonly stackSet: TerraformResourceJson;
  readonly instance?: TerraformResourceJson;
  readonly region?: string;
  readonly template: readonly TemplateResource[];
  /** Every account under the targeted OUs, less the excluded ones and the management account (StackSets never deploy there). */
  readonly accounts: readonly Account[];
  /** OU ids the instance names that the model could not place (neither an adopted id nor a reference to a declared OU). */
  readonly unresolvedTargets: readonly string[];
}

/** The service-managed StackSets of the stacks, their templates and target accounts (needs the model to expand OUs). */
export function stackSetDeployments(stacks: readonly StackView[], lz: LandingZone | undefined): StackSetDeployment[] {
  const out: StackSetDeployment[] = [];
  for (const stack of stacks) {
    for (const set of stack.resources.filter((r) => r.type === 'aws_cloudformation_stack_set' && str(r.body, 'permission_model') === 'SERVICE_MANAGED')) {
      const instance = stack.resources.find((r) => r.type === 'aws_cloudformation_stack_set_instance' && waitsFor(r, set.address));
      const targets = instance ? block(instance.body, 'deployment_targets') : undefined;
      const ouIds = targets ? strings(targets, 'organizational_unit_ids') ?? [] : [];
      // The account filter narrows the OUs' accounts: DIFFERENCE leaves the listed ones out,
      // INTERSECTION keeps only them, UNION adds them
      // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeploymentTargets.html).
      const filter = targets ? str(targets, 'account_filter_type') : undefined;
      const listed = new Set((targets ? strings(targets, 'accounts') ?? [] : []).map(accountKey));
      const isListed = (a: Account): boolean => listed.has(a.id ?? `account:${a.name}`) || listed.has(`account:${a.name}`);
      const ous = ouIds.map((id) => ({ id, path: lz ? ouPathOf(lz, id) : undefined }));
      const underOus = lz ? expandTargets(lz, { ous: ous.flatMap((o) => (o.path ? [o.path] : [])) }) : [];
      const chosen = filter === 'DIFFERENCE' ? underOus.filter((a) => !isListed(a))
        : filter === 'INTERSECTION' ? underOus.filter(isListed)
          : filter === 'UNION' && lz ? [...new Set([...underOus, ...[...lz.accounts.values()].filter(isListed)])]
            : underOus;
      const accounts = chosen.filter((a) => !a.isManagement);
      out.push({
        stack, stackSet: set, instance, region: instance ? str(instance.body, 'region') : undefined, template: templateOf(set),
        accounts, unresolvedTargets: ous.filter((o) => !o.path).map((o) => o.id),
      });
    }
  }
  return out;
}

function templateOf(set: TerraformResourceJson): TemplateResource[] {
  try {
    const t = JSON.parse(str(set.body, 'template_body') ?? '{}') as { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> };
    return Object.entries(t.Resources ?? {}).map(([logicalId, r]) => ({ logicalId, type: r.Type ?? '', properties: r.Properties ?? {} }));
  } catch {
    return [];
  }
}

/**
 * The OU path an OU id argument names: an adopted OU's literal id, the root, or a reference to
 * the organization stack's OU resource (`ou_<path with _ for />`) or root.
 */
export function ouPathOf(lz: LandingZone, value: string): string | undefined {
  for (const ou of lz.ous.values()) if (ou.id && ou.id === value) return ou.path;
  if (/^r-[0-9a-z]{4,32}$/.test(value) || /roots0id|roots\.0\.id|roots\[0\]\.id/.test(value)) return 'Root';
  const m = /aws_organizations_organizational_unit\.ou_([A-Za-z0-9_-]+)\.id|aws_organizations_organizational_unitou_([A-Za-z0-9_-]+)id/.exec(value);
  const key = m ? (m[1] ?? m[2]) : undefined;
  if (!key) return undefined;
  return [...lz.ous.values()].find((ou) => ou.path.replace(/\//g, '_') === key)?.path;
}
