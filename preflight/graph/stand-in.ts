import type { StackView } from '../synthesized';

/** The resource every stand-in reads so that its output is unknown while planning, as a real resource's attributes are. */
export const PENDING = 'terraform_data.preflight_pending';

/** `aws_sns_topic.topic` -> `aws_sns_topic__topic`; `data.aws_x.y` -> `data__aws_x__y`. */
export function standInName(address: string): string {
  return address.replace(/\./g, '__');
}

/** The original address of a stand-in name that Terraform prints back. */
export function originalAddress(standIn: string): string {
  return standIn.startsWith('data__') ? `data.${standIn.slice(6).replace('__', '.')}` : standIn.replace('__', '.');
}

/**
 * A Terraform configuration with the same graph as the stack but no provider: every resource and
 * data source becomes Terraform's built-in `terraform_data`, keeping its arguments (evaluated as
 * `triggers_replace`) and its depends_on; every reference to it reads the stand-in's `output`,
 * which is unknown while planning, like the attributes AWS assigns. `terraform plan` then resolves
 * every reference, evaluates every function and orders the graph exactly as it would for the real
 * stack, and refuses self-references and cycles with its own messages. Providers, the backend,
 * lifecycle rules (they name the provider's attributes) and import blocks are left out.
 */
export function standInConfig(stack: StackView): Record<string, unknown> {
  const addresses = new Set([...stack.resources.map((r) => r.address), ...stack.data.map((d) => d.address)]);
  const rewrite = (value: unknown): unknown => rewriteReferences(value, addresses);
  const resources: Record<string, unknown> = { preflight_pending: {} };
  for (const r of [...stack.resources, ...stack.data]) {
    const { '//': _c, depends_on: dependsOn, lifecycle: _l, provider: _p, count, for_each: forEach, ...args } = r.body as Record<string, unknown>;
    const body: Record<string, unknown> = {
      input: `\${jsondecode(${PENDING}.id)}`,
      triggers_replace: rewrite(args),
    };
    if (Array.isArray(dependsOn)) body.depends_on = dependsOn.map((d) => (typeof d === 'string' && addresses.has(d) ? `terraform_data.${standInName(d)}` : d));
    if (count !== undefined) body.count = rewrite(count);
    if (forEach !== undefined) body.for_each = rewrite(forEach);
    resources[standInName(r.address)] = body;
  }
  const config: Record<string, unknown> = { resource: { terraform_data: resources } };
  for (const key of ['locals', 'output', 'variable'] as const) if (stack.json[key] !== undefined) config[key] = rewrite(stack.json[key]);
  return config;
}

/** Rewrites every `${...}` reference to a known address into a reference to its stand-in's output. */
export function rewriteReferences(value: unknown, addresses: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return value.includes('${') ? rewriteTemplate(value, addresses) : value;
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, addresses));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteReferences(v, addresses)]));
  return value;
}

/** Each `${...}` of a template, found by matching braces outside the expression's own string literals. */
function rewriteTemplate(text: string, addresses: ReadonlySet<string>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0 || text[start - 1] === '$') {
      out += text.slice(i, start < 0 ? text.length : start + 2);
      if (start < 0) break;
      i = start + 2;
      continue;
    }
    let depth = 1;
    let j = start + 2;
    let quoted = false;
    for (; j < text.length && depth > 0; j++) {
      const c = text[j];
      if (quoted) { if (c === '\\') j++; else if (c === '"') quoted = false; continue; }
      if (c === '"') quoted = true;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    if (depth > 0) { out += text.slice(i); break; }
    out += `${text.slice(i, start)}\${${rewriteExpression(text.slice(start + 2, j - 1), addresses)}}`;
    i = j;
  }
  return out;
}

function rewriteExpression(expr: string, addresses: ReadonlySet<string>): string {
  // A quoted "aws_x.y" inside an expression is text, not a reference; a template inside the quotes is one.
  return expr.split(/("(?:[^"\\]|\\.)*")/).map((part, i) => (i % 2 === 1 ? rewriteTemplate(part, addresses) : part.replace(
    /(^|[^\w.])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)/g,
    (m, before: string, address: string) => (addresses.has(address) ? `${before}terraform_data.${standInName(address)}.output` : m),
  ))).join('');
}
