import type { Diagnostic, NagAcknowledgement, NagPackName, SourceLocation } from '../../model';
import { DEFAULT_NAG_PACKS } from '../../model/logging';
import { createPack, ruleIdsOf } from './packs';
import { buildShadow, type NotChecked } from './shadow';
import type { SynthesizedStack } from './terraform';

export interface NagFinding {
  /** Rule id, with cdk-nag's finding suffix when the rule reports several (`AwsSolutions-IAM5[Resource::*]`). */
  readonly rule: string;
  readonly level: 'error' | 'warning';
  readonly stack: string;
  /** Terraform address (`aws_cloudtrail.organization_trail`). */
  readonly address: string;
  readonly message: string;
  readonly acknowledged: boolean;
  readonly reason?: string;
  /** Declaration line that produced the resource (`accounts/logging.yaml:13:3`). */
  readonly declaration?: string;
}

export interface NagReport {
  readonly packs: readonly NagPackName[];
  readonly findings: readonly NagFinding[];
  readonly notChecked: readonly NotChecked[];
  /** Acknowledgements whose rule or resource does not exist: bad input, the run cannot be trusted. */
  readonly errors: readonly Diagnostic[];
}

/** What to run: the declaration's `nag` section (logging.yaml), or the defaults. */
export interface NagRunSettings {
  /** @default AwsSolutions, NIST.800.53.R5 */
  readonly packs?: readonly NagPackName[];
  /** @default none */
  readonly acknowledgements?: readonly NagAcknowledgement[];
}

/** Rule id without cdk-nag's per-finding suffix. */
export function baseRule(rule: string): string {
  const i = rule.indexOf('[');
  return i < 0 ? rule : rule.slice(0, i);
}

/**
 * Runs the declared cdk-nag packs over the CloudFormation shadow of the synthesized stacks and
 * maps every violation back to its Terraform resource. Acknowledgements mark findings (with
 * their reason) rather than hide them.
 */
export function runNag(settings: NagRunSettings, stacks: readonly SynthesizedStack[]): NagReport {
  const packs = settings.packs ?? DEFAULT_NAG_PACKS;
  const acks = settings.acknowledgements ?? [];
  const shadow = buildShadow(stacks);
  const errors = checkAcknowledgements(acks, packs, shadow.addresses);

  const findings: NagFinding[] = [];
  for (const name of packs) {
    const report = createPack(name).validateScope(shadow.app);
    for (const v of report.violations) {
      for (const where of v.violatingResources) {
        const origin = where.constructPath ? shadow.origins.get(where.constructPath) : undefined;
        if (!origin) continue; // only shadow resources are checked; nothing else is in the app
        const ack = acks.find((a) => (a.rule === v.ruleName || a.rule === baseRule(v.ruleName)) && a.resource === origin.address);
        findings.push({
          rule: v.ruleName, level: v.severity === 'error' ? 'error' : 'warning', stack: origin.stack, address: origin.address,
          message: v.description, acknowledged: Boolean(ack), reason: ack?.reason, declaration: origin.declaration,
        });
      }
    }
  }
  findings.sort((a, b) => a.stack.localeCompare(b.stack) || a.address.localeCompare(b.address) || a.rule.localeCompare(b.rule));
  return { packs, findings, notChecked: shadow.notChecked, errors };
}

/** True when an error-level finding is not acknowledged (exit 1). */
export function hasUnacknowledgedErrors(report: NagReport): boolean {
  return report.findings.some((f) => f.level === 'error' && !f.acknowledged);
}

function checkAcknowledgements(acks: readonly NagAcknowledgement[], packs: readonly NagPackName[], addresses: ReadonlyMap<string, unknown>): Diagnostic[] {
  const rules = new Set(packs.flatMap((p) => [...ruleIdsOf(p)]));
  const out: Diagnostic[] = [];
  const error = (at: SourceLocation, code: string, message: string) => out.push({ ...at, code, message, severity: 'error' });
  for (const a of acks) {
    if (!rules.has(baseRule(a.rule))) {
      error(a.ruleSource, 'ACK_UNKNOWN_RULE', `'${a.rule}' is not a rule of the packs ${packs.join(', ')}; use a rule id as lzkit nag prints it (e.g. AwsSolutions-S1)`);
    }
    if (!addresses.has(a.resource)) {
      error(a.resourceSource, 'ACK_UNKNOWN_RESOURCE', `no synthesized stack has a resource '${a.resource}'; use a Terraform address as lzkit nag prints it (e.g. aws_s3_bucket.access_log_bucket)`);
    }
  }
  return out;
}
