/**
 * `lzkit/testing`: unit-test your guardrails in jest.
 *
 *   import { landingZone } from 'lzkit/testing';
 *   const lz = landingZone();            // the declaration in the current folder, loaded once
 *   expect(lz.request({ account: 'prod-web', action: 'ec2:RunInstances', region: 'il-central-1' }))
 *     .toBeDeniedBy('region-deny');
 *   // An unauthenticated caller, or a principal with tags (aws:PrincipalTag/KEY):
 *   lz.request({ account: 'prod-web', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', anonymous: true });
 *   lz.request({ account: 'prod-web', action: 'sns:CreateTopic', principalTags: { team: 'platform' } });
 *
 * Importing this module registers the matchers toBeAllowed, toBeDenied and toBeDeniedBy.
 */
import * as path from 'path';
import { DeclarationError, loadLandingZone, type LandingZone } from '../model';
import { simulate, type Reason, type SimulationRequest, type SimulationResult } from '../model/simulate';
import { simulatePermissionSet, type PermissionSetRequest, type PermissionSetSimulationResult } from '../model/identity/simulate';

export type { Reason, SimulationRequest, SimulationResult } from '../model/simulate';

/** A loaded declaration to send requests to. */
export interface TestLandingZone {
  readonly model: LandingZone;
  /** Evaluates one request; throws a SimulationError for bad input (unknown account or action). */
  request(request: SimulationRequest): SimulationResult;
  /** As a person signed in with an Identity Center permission set (accounts/identity.yaml); see docs/identity.md. */
  request(request: PermissionSetRequest): PermissionSetSimulationResult;
}

const loaded = new Map<string, TestLandingZone>();

/** Loads the declaration in `dir` (default: the current folder) once per test process. */
export function landingZone(dir: string = process.cwd()): TestLandingZone {
  const abs = path.resolve(dir);
  let lz = loaded.get(abs);
  if (!lz) {
    const r = loadLandingZone(abs);
    if (!r.model) throw new DeclarationError(r.errors);
    const model = r.model;
    const request = (req: SimulationRequest | PermissionSetRequest) => ('permissionSet' in req ? simulatePermissionSet(model, req) : simulate(model, req));
    lz = Object.freeze({ model, request: request as TestLandingZone['request'] });
    loaded.set(abs, lz);
  }
  return lz;
}

function describeReasons(reasons: readonly Reason[]): string {
  if (!reasons.length) return '  (no deciding statement)';
  return reasons.map((r) => (r.effect === 'ImplicitDeny'
    ? `  ${r.type} ${r.level}: no statement allows it`
    : `  ${r.effect} ${r.type} ${r.level} ${r.policy} ${r.statement}`)).join('\n');
}

function what(r: SimulationResult): string {
  return `${r.action} by ${r.principal} in ${r.account}, ${r.region}`;
}

function isResult(v: unknown): v is SimulationResult {
  return !!v && typeof v === 'object' && 'decision' in v && 'reasons' in v;
}

type MatcherResult = { pass: boolean; message: () => string };

function check(received: unknown, name: string): SimulationResult {
  if (!isResult(received)) throw new Error(`${name} expects the result of lz.request(...), got ${typeof received}`);
  return received;
}

export const matchers = {
  toBeAllowed(received: unknown): MatcherResult {
    const r = check(received, 'toBeAllowed');
    const pass = r.decision === 'Allowed';
    return {
      pass,
      message: () => pass
        ? `expected ${what(r)} to be denied, but it is Allowed by:\n${describeReasons(r.reasons)}`
        : `expected ${what(r)} to be allowed, but it is ${r.decision}:\n${describeReasons(r.reasons)}`,
    };
  },
  toBeDenied(received: unknown): MatcherResult {
    const r = check(received, 'toBeDenied');
    // A permission-set result with policies not evaluated proves no deny unless it is explicit.
    const pass = r.decision !== 'Allowed' && (r as { conclusive?: boolean }).conclusive !== false;
    return {
      pass,
      message: () => pass
        ? `expected ${what(r)} to be allowed, but it is ${r.decision}:\n${describeReasons(r.reasons)}`
        : `expected ${what(r)} to be denied, but it is Allowed${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`,
    };
  },
  toBeDeniedBy(received: unknown, guardrailId: string): MatcherResult {
    const r = check(received, 'toBeDeniedBy');
    const pass = r.decision === 'ExplicitlyDenied' && r.reasons.some((x) => x.policy === guardrailId);
    return {
      pass,
      message: () => pass
        ? `expected ${what(r)} not to be denied by '${guardrailId}', but it is:\n${describeReasons(r.reasons)}`
        : `expected ${what(r)} to be denied by '${guardrailId}', but it is ${r.decision}${r.decision === 'Allowed' ? '' : ' by'}:\n${r.decision === 'Allowed' ? `${r.notes.map((n) => `  note: ${n}`).join('\n') || '  (every level allows it)'}` : describeReasons(r.reasons)}`,
    };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The request is allowed by every SCP and RCP level (and the identity policies given). */
      toBeAllowed(): R;
      /** The request is denied, explicitly or because some level allows nothing. */
      toBeDenied(): R;
      /** The request is explicitly denied by a statement of guardrail `guardrailId`. */
      toBeDeniedBy(guardrailId: string): R;
    }
  }
}

// Registered on import so that `import 'lzkit/testing'` is all a test file needs.
if (typeof expect !== 'undefined' && typeof expect.extend === 'function') expect.extend(matchers);
