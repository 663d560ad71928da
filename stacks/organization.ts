import type { StackContext } from './context';

/** The organization stack. Placeholder until it is built. */
export function organizationStack(_ctx: StackContext): void {
  // nothing yet
}
