import { desiredState, type DesiredState } from '../desired';
import type { LandingZone } from '../model';
import { App, withPlainStackTraces } from './cdktf';
import { accountStacks } from './accounts';
import { auditStack } from './audit';
import { landingZoneStack } from './backend';
import { delegatedAdministratorsStack } from './delegated-administrators';
import { guardrailsStack } from './guardrails';
import { identityStack } from './identity';
import { loggingStack } from './logging';
import { applyMoves, GUARD_UNSHARDED, planMoves, readStackLock, unshardedLock, type StackLock, type StackMove } from './moves';
import { networkStack } from './network';
import { organizationStack } from './organization';
import { defaultProvider } from './providers';
import { securityServicesStack } from './security-services';
import { stackContext, type StackBuilder } from './context';

/**
 * Every stack, in deployment order. Each builder reads only its slice of the model and the refs
 * earlier stacks published; a builder with nothing declared adds no stack.
 */
export const STACKS: readonly StackBuilder[] = [
  organizationStack, accountStacks, delegatedAdministratorsStack, guardrailsStack, loggingStack, networkStack, identityStack, securityServicesStack, auditStack,
];

export interface BuildOptions {
  /**
   * Where the movable resources were (stacks/moves.ts): each one whose stack changed gets a
   * `removed` block in the stacks it left and an import block in its new one. Absent: none moved.
   */
  readonly previous?: StackLock | 'unsharded' | typeof GUARD_UNSHARDED;
  /** Forget the stacks resources left (every stack has been deployed since they moved). */
  readonly settle?: boolean;
}

/** The app, and what the moves left to the lock. */
export interface BuiltApp {
  readonly app: App;
  readonly lock: StackLock;
  readonly moves: readonly StackMove[];
}

/**
 * Builds the cdktf app for a validated model (does not synthesize): the stacks render `desired`,
 * the model's desired state unless a caller hands another.
 */
export function buildApp(lz: LandingZone, outdir?: string, desired: DesiredState = desiredState(lz), options: BuildOptions = {}): App {
  return buildAppWithMoves(lz, outdir, desired, options).app;
}

/** As buildApp, and returns the lock to write and the moves written. */
export function buildAppWithMoves(lz: LandingZone, outdir?: string, desired: DesiredState = desiredState(lz), options: BuildOptions = {}): BuiltApp {
  const app = new App({ outdir, skipValidation: false });
  const ctx = stackContext(app, lz, desired);
  for (const build of STACKS) build(ctx);
  const guard = options.previous === GUARD_UNSHARDED;
  const previous = options.previous === 'unsharded' ? unshardedLock(ctx.movables) : guard ? undefined : options.previous;
  const { moves, guards, lock } = planMoves(ctx.movables, previous, options.settle, guard);
  applyMoves(app, ctx.movables, moves, (name) => {
    const stack = landingZoneStack(app, lz, name);
    defaultProvider(stack, lz);
    return stack;
  }, guards);
  return { app, lock, moves };
}

/** Builds and writes cdktf.out (or `outdir`): what `cdktf synth` and `lzkit synth` run. */
export function synthesize(lz: LandingZone, outdir?: string, desired: DesiredState = desiredState(lz), options: BuildOptions = {}): App {
  return synthesizeWithMoves(lz, outdir, desired, options).app;
}

/** As synthesize, and returns the lock to write and the moves written. */
export function synthesizeWithMoves(lz: LandingZone, outdir?: string, desired: DesiredState = desiredState(lz), options: BuildOptions = {}): BuiltApp {
  return withPlainStackTraces(() => {
    const built = buildAppWithMoves(lz, outdir, desired, options);
    built.app.synth();
    return built;
  });
}

/**
 * What `lzkit synth` and the cdktf app run: synthesize with the moves since the declaration's
 * stacks.lock.json (read-only here; the caller writes the returned lock once the output is in place).
 * Without a lock, the resources lzkit without shards kept elsewhere are guarded (GUARD_UNSHARDED).
 */
export function synthesizeDeclaration(lz: LandingZone, outdir: string | undefined, options: { unsharded?: boolean; settle?: boolean } = {}): BuiltApp & { firstLock: boolean } {
  const lock = options.unsharded ? undefined : readStackLock(lz.dir);
  const previous = options.unsharded ? 'unsharded' : lock ?? GUARD_UNSHARDED;
  return { ...synthesizeWithMoves(lz, outdir, desiredState(lz), { previous, settle: options.settle }), firstLock: !options.unsharded && !lock };
}
