import type { LandingZone } from '../model';
import { locate, type PreflightFinding } from './finding';
import { RULES, type PreconditionRule } from './rules';
import type { StackView } from './synthesized';

/** Runs every precondition rule; each non-compliant resource becomes one finding at the rule's level. */
export function checkPreconditions(stacks: readonly StackView[], lz?: LandingZone, rules: readonly PreconditionRule[] = RULES): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  for (const rule of rules) {
    const result = rule.check({ stacks, lz });
    if (result.status !== 'non-compliant') continue;
    for (const p of result.problems) {
      const where = locate(stacks.find((s) => s.name === p.stack), p.resource);
      out.push({ rule: rule.id, level: rule.level, stack: p.stack, resource: p.resource, ...where, message: p.message, doc: rule.doc });
    }
  }
  return out;
}
