/** Statement keys whose value may be one string or a list of strings with the same meaning. */
const LIST_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

/**
 * A policy document in a canonical form, so that only a real change compares unequal: keys
 * sorted, whitespace gone (it is parsed), a single string and a one-element list the same, lists
 * of strings in sorted order (IAM gives their order no meaning), one statement or a list of one.
 */
export function normalizePolicy(document: unknown): string {
  return JSON.stringify(canonical(document, undefined, 0));
}

function canonical(v: unknown, key: string | undefined, depth: number): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x, undefined, depth + 1));
    return items.every((x) => typeof x === 'string') ? [...new Set(items as string[])].sort() : items;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => {
      let x = o[k];
      if (k === 'Statement' && depth === 0 && !Array.isArray(x)) x = [x];
      const stringList = LIST_KEYS.has(k) || key === 'Condition-operator' || key === 'Principal';
      if (stringList && typeof x === 'string') x = [x];
      const childKey = k === 'Condition' ? 'Condition' : key === 'Condition' ? 'Condition-operator' : k === 'Principal' ? 'Principal' : undefined;
      return [k, canonical(x, childKey, depth + 1)];
    }));
  }
  return v;
}
