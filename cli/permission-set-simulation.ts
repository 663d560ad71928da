import type { LandingZone } from '../model';
import { simulatePermissionSet, UnknownPermissionSetError, type PermissionSetSimulationResult } from '../model/identity/simulate';
import { CliError } from './errors';

export interface PermissionSetSimulationOptions {
  readonly permissionSet: string;
  readonly account: string;
  readonly action: string;
  readonly region?: string;
  readonly principal?: string;
  readonly resource?: string;
  readonly json?: boolean;
  /** `allow` | `deny` (already checked by the caller). */
  readonly expect?: string;
}

/**
 * `lzkit simulate --permission-set NAME`: a person signed in with the permission set, in the
 * account. Prints the decision and what was not evaluated; with --expect, exit 1 unless the
 * decision is proven (an inconclusive result proves neither allow nor deny).
 */
export function runPermissionSetSimulation(lz: LandingZone, opts: PermissionSetSimulationOptions, context: Record<string, string | string[]>): void {
  let r: PermissionSetSimulationResult;
  try {
    r = simulatePermissionSet(lz, {
      permissionSet: opts.permissionSet, account: opts.account, action: opts.action,
      region: opts.region, principal: opts.principal, resource: opts.resource, context,
    });
  } catch (e) {
    if (e instanceof UnknownPermissionSetError) throw new CliError(`${e.code}: ${e.message}`, 2);
    throw e;
  }
  process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : describePermissionSet(r));
  if (opts.expect === undefined) return;
  const proven = opts.expect === 'allow' ? r.decision === 'Allowed' : r.decision !== 'Allowed' && r.decision !== 'Inconclusive' && r.conclusive;
  if (!proven) {
    process.stderr.write(`lzkit: expected ${opts.expect}, got ${r.decision}${r.conclusive ? '' : ' (not conclusive: some policies were not evaluated)'}\n`);
    process.exitCode = 1;
  }
}

export function describePermissionSet(r: PermissionSetSimulationResult): string {
  const lines = [`${r.decision}: ${r.action} with permission set ${r.permissionSet} as ${r.principal} on ${r.resource} in ${r.account} (${r.accountId}), ${r.region}`];
  if (r.decision === 'Inconclusive') lines.push('the evaluated policies allow it, but a policy that was not evaluated could still deny it');
  else if (!r.conclusive) lines.push('NOT CONCLUSIVE: a policy that was not evaluated could still allow it');
  const heading = r.knownDecision === 'ExplicitlyDenied' ? 'denied by:' : r.knownDecision === 'ImplicitlyDenied' ? 'no statement allows it at:' : 'allowed by:';
  if (r.reasons.length) lines.push(heading);
  for (const x of r.reasons) {
    lines.push(x.effect === 'ImplicitDeny' ? `  ${x.type.padEnd(8)} ${x.level}` : `  ${x.type.padEnd(8)} ${x.level.padEnd(28)} ${x.policy.padEnd(34)} ${x.statement}`);
  }
  if (r.notEvaluated.length) {
    lines.push('not evaluated (never assumed to allow):');
    for (const n of r.notEvaluated) lines.push(`  ${n.kind.padEnd(20)} ${n.policy}: ${n.why}`);
  }
  for (const n of r.notes.filter((x) => !x.startsWith('not evaluated:'))) lines.push(`note: ${n}`);
  return `${lines.join('\n')}\n`;
}
