import type { StackContext } from './context';

/** The logging stack. Placeholder until it is built. */
export function loggingStack(_ctx: StackContext): void {
  // nothing yet
}
