import { expandActionPattern } from '../model/iam-catalog';
import type { Guardrail, PolicyDocument, PolicyStatement } from '../model/types';

/**
 * The actions the decision diff evaluates, besides the matrix list and the lockout's critical
 * actions: every action a changed guardrail statement names, so that an edit is always exercised.
 */

/** The patterns of a statement's Action and NotAction (an edit to an exemption matters too). */
function namedPatterns(st: PolicyStatement | undefined): string[] {
  if (!st) return [];
  const list = (v: string | readonly string[] | undefined) => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);
  return [...list(st.Action), ...list(st.NotAction)];
}

/**
 * Statements of one guardrail that differ between the two sides, paired by Sid (by position
 * where a statement has none): index on the head side (or -1) and the two versions.
 */
export function changedStatements(before: Guardrail | undefined, after: Guardrail | undefined): { index: number; baseIndex: number; before?: PolicyStatement; after?: PolicyStatement }[] {
  // Only SCPs and RCPs have statements; the other types are documents of settings.
  const statements = (g: Guardrail | undefined): readonly PolicyStatement[] => (g && (g.type === 'SCP' || g.type === 'RCP') ? (g.document as PolicyDocument).Statement : []);
  const keyed = (g: Guardrail | undefined) => new Map(statements(g).map((st, i) => [st.Sid ? `sid:${st.Sid}` : `#${i}`, { st, i }]));
  const b = keyed(before);
  const a = keyed(after);
  const out: { index: number; baseIndex: number; before?: PolicyStatement; after?: PolicyStatement }[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = b.get(key);
    const y = a.get(key);
    if (x && y && JSON.stringify(x.st) === JSON.stringify(y.st)) continue;
    out.push({ index: y?.i ?? -1, baseIndex: x?.i ?? -1, before: x?.st, after: y?.st });
  }
  return out;
}

/** Every concrete action named by a statement that changed in any SCP or RCP. */
export function actionsOfChangedStatements(base: ReadonlyMap<string, Guardrail>, head: ReadonlyMap<string, Guardrail>): string[] {
  const out = new Set<string>();
  for (const id of new Set([...base.keys(), ...head.keys()])) {
    const b = base.get(id);
    const h = head.get(id);
    if ((b ?? h)!.type === 'TAG') continue;
    for (const c of changedStatements(b, h)) {
      for (const p of [...namedPatterns(c.before), ...namedPatterns(c.after)]) for (const a of expandActionPattern(p)) out.add(a);
    }
  }
  return [...out].sort();
}
