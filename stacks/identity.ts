import type { StackContext } from './context';

/** The identity stack. Placeholder until it is built. */
export function identityStack(_ctx: StackContext): void {
  // nothing yet
}
