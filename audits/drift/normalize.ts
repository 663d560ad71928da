/**
 * A policy document in a canonical form, so that only a change of meaning compares unequal.
 * What IAM gives no meaning to is erased:
 *
 * - key order and whitespace (the document is parsed);
 * - statement order and repeated statements: a decision is "denied if any matching statement
 *   denies, else allowed if any allows" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
 * - a single value vs a list of one, and the order of a list, for Action, NotAction, Resource,
 *   NotResource, principals and condition values (each is a set of alternatives);
 * - the case of action names: "The prefix and the action name are case insensitive. For
 *   example, iam:ListAccessKeys is the same as IAM:listaccesskeys"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html);
 * - the case of condition key names: "Context key names are not case-sensitive. For example,
 *   including the aws:SourceIP context key is equivalent to testing for AWS:SourceIp"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html);
 * - a condition value written as a JSON boolean or number vs the same in quotes (the policy
 *   grammar: values are quoted, "quotation marks are optional for numeric and Boolean values",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
 *
 * Everything else keeps its case and form: condition operators, effects, resource ARNs, principal
 * identifiers, condition values (their case matters unless the operator says IgnoreCase), Sid.
 */
export function normalizePolicy(document: unknown): string {
  return JSON.stringify(canonicalDocument(document));
}

const ACTION_KEYS = new Set(['Action', 'NotAction']);
const RESOURCE_KEYS = new Set(['Resource', 'NotResource']);
const PRINCIPAL_KEYS = new Set(['Principal', 'NotPrincipal']);

function canonicalDocument(doc: unknown): unknown {
  if (!isObject(doc)) return doc;
  return sortedObject(doc, (k, v) => {
    if (k !== 'Statement') return canonicalValue(v);
    const statements = (Array.isArray(v) ? v : [v]).map(canonicalStatement);
    return [...new Map(statements.map((st) => [JSON.stringify(st), st])).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, st]) => st);
  });
}

function canonicalStatement(st: unknown): unknown {
  if (!isObject(st)) return st;
  return sortedObject(st, (k, v) => {
    if (ACTION_KEYS.has(k)) return stringSet(v, (a) => a.toLowerCase());
    if (RESOURCE_KEYS.has(k)) return stringSet(v);
    if (PRINCIPAL_KEYS.has(k)) return isObject(v) ? sortedObject(v, (_, ids) => stringSet(ids)) : v;
    if (k === 'Condition' && isObject(v)) return sortedObject(v, (_, keys) => (isObject(keys) ? conditionKeys(keys) : keys));
    return canonicalValue(v);
  });
}

/** Condition keys lower-cased (IAM ignores their case); a key written twice in two cases is one key with both value lists. */
function conditionKeys(keys: Record<string, unknown>): Record<string, unknown> {
  const merged = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(keys)) merged.set(k.toLowerCase(), [...(merged.get(k.toLowerCase()) ?? []), ...(Array.isArray(v) ? v : [v])]);
  return Object.fromEntries([...merged.keys()].sort().map((k) => [k, stringSet(merged.get(k), (x) => x)]));
}

/** One string or a list of them, as a sorted list without repeats; other values as they are. */
function stringSet(v: unknown, map: (s: string) => string = (s) => s): unknown {
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return canonicalValue(v);
  return [...new Set(list.map((x) => map(String(x))))].sort();
}

function canonicalValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonicalValue);
  return isObject(v) ? sortedObject(v, (_, x) => canonicalValue(x)) : v;
}

function sortedObject(o: Record<string, unknown>, value: (key: string, v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, value(k, o[k])]));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
