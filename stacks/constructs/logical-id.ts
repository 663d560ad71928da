import { createHash } from 'crypto';

const PLAIN = /^[A-Za-z0-9-]+$/;

/**
 * A stable, readable Terraform resource name for a declared element: `ou_Workloads_Prod`,
 * `account_prod-web`. The address must never change while the element does not (an address
 * change is a destroy + create, which prevent_destroy then blocks), so it derives from the
 * declared name only, never from construct nesting. Parts made of letters, digits and '-' join
 * with '_' (injective); anything else gets a short hash of the exact parts appended so that two
 * names cannot collide after the characters Terraform forbids are replaced.
 */
export function logicalId(kind: string, parts: readonly string[]): string {
  const slug = parts.map((p) => p.replace(/[^A-Za-z0-9-]/g, '-')).join('_');
  if (parts.every((p) => PLAIN.test(p))) return `${kind}_${slug}`;
  const hash = createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 8);
  return `${kind}_${slug}_${hash}`;
}
