/**
 * What the drift audit does with one part of the desired state: compares it with what it read,
 * uses it to find the live resource, or leaves it unchecked - and then says why. Each area lists
 * the entries of its part of the desired state; drift/coverage.ts joins them. Paths name
 * properties of the desired state (desired/index.ts); `[]` stands for every element of a list.
 * An entry covers its path and everything below it.
 */
export type Coverage =
  | { readonly path: string; readonly audit: 'compared' }
  | { readonly path: string; readonly audit: 'locates' }
  | { readonly path: string; readonly audit: 'not-checked'; readonly why: string };

export const compared = (path: string): Coverage => ({ path, audit: 'compared' });
export const locates = (path: string): Coverage => ({ path, audit: 'locates' });
export const unchecked = (path: string, why: string): Coverage => ({ path, audit: 'not-checked', why });
