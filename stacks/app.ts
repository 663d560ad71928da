import { desiredState, type DesiredState } from '../desired';
import type { LandingZone } from '../model';
import { App, withPlainStackTraces } from './cdktf';
import { auditStack } from './audit';
import { guardrailsStack } from './guardrails';
import { identityStack } from './identity';
import { loggingStack } from './logging';
import { networkStack } from './network';
import { organizationStack } from './organization';
import { securityServicesStack } from './security-services';
import type { StackBuilder, StackContext } from './context';

/**
 * Every stack, in deployment order. Each builder reads only its slice of the model and the refs
 * earlier stacks published; a builder with nothing declared adds no stack.
 */
export const STACKS: readonly StackBuilder[] = [organizationStack, guardrailsStack, loggingStack, networkStack, identityStack, securityServicesStack, auditStack];

/**
 * Builds the cdktf app for a validated model (does not synthesize): the stacks render `desired`,
 * the model's desired state unless a caller hands another.
 */
export function buildApp(lz: LandingZone, outdir?: string, desired: DesiredState = desiredState(lz)): App {
  const app = new App({ outdir, skipValidation: false });
  const ctx: StackContext = { app, lz, desired, refs: {}, keys: new Map() };
  for (const build of STACKS) build(ctx);
  return app;
}

/** Builds and writes cdktf.out (or `outdir`): what `cdktf synth` and `lzkit synth` run. */
export function synthesize(lz: LandingZone, outdir?: string, desired: DesiredState = desiredState(lz)): App {
  return withPlainStackTraces(() => {
    const app = buildApp(lz, outdir, desired);
    app.synth();
    return app;
  });
}
