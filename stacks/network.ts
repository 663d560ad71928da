import type { StackContext } from './context';

/** The network stack. Placeholder until it is built. */
export function networkStack(_ctx: StackContext): void {
  // nothing yet
}
