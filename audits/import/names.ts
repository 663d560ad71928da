/**
 * Names the declaration allows, made from names Organizations allows: account and policy ids are
 * lower-case kebab-case, unique. Deterministic, so importing the same snapshot twice writes the
 * same files.
 */
export function kebab(name: string, max: number): string {
  const s = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, max).replace(/-+$/, '');
}

/** A name unique among `taken` (which it joins): `base`, else `base-<suffix>`, else `base-2`, `base-3`, ... */
export function unique(base: string, taken: Set<string>, max: number, suffix?: string): string {
  const fit = (s: string, tail: string) => `${s.slice(0, max - tail.length).replace(/-+$/, '')}${tail}`;
  let candidate = base;
  if (taken.has(candidate) && suffix) candidate = fit(base, `-${suffix}`);
  for (let i = 2; taken.has(candidate); i++) candidate = fit(base, `-${i}`);
  taken.add(candidate);
  return candidate;
}
