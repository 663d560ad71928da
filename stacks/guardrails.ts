import type { StackContext } from './context';

/** The guardrails stack. Placeholder until it is built. */
export function guardrailsStack(_ctx: StackContext): void {
  // nothing yet
}
