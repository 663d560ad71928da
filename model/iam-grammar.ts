import { conditionKeyKnown } from './iam-catalog';

/**
 * The IAM policy grammar lzkit checks beyond JSON: condition keys and `${...}` placeholders.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/**
 * A condition key: `prefix:Name`. The prefix is a service prefix (`aws`, `s3`), a web identity
 * provider's host with an optional path (`token.actions.githubusercontent.com`,
 * `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`) or `saml`; the name may go on after `/` or `:`
 * with a tag key or a context key, which allow letters, digits, spaces and `_ . : / = + - @`
 * (`aws:ResourceTag/Cost Center`, `kms:EncryptionContext:aws:cloudtrail:arn`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html
 */
const CONDITION_KEY = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(\/[A-Za-z0-9._~-]+)*:[A-Za-z0-9_.-]+([/:][\p{L}\p{N}\p{Zs}_.:/=+\-@]+)?$/u;

export function isConditionKey(key: string): boolean {
  return CONDITION_KEY.test(key);
}

/** A policy parameter of lzkit: `${organizationId}`, bound from guardrails.yaml or built-ins. */
export const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Every `${...}` in a string, with the text between the braces. */
export function placeholders(s: string): { readonly text: string; readonly inner: string }[] {
  return [...s.matchAll(/\$\{([^}]*)\}/g)].map((m) => ({ text: m[0], inner: m[1] }));
}

/**
 * Whether `${inner}` is an IAM policy variable: one of the special characters `${*}`, `${?}`,
 * `${$}`, or a condition key the request can carry (a global key, a key of the service, a web
 * identity or SAML key), optionally with a default value (`${aws:PrincipalTag/team, 'none'}`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export function isPolicyVariable(inner: string): boolean {
  if (inner === '*' || inner === '?' || inner === '$') return true;
  const m = /^\s*([^,\s][^,]*?)\s*(?:,\s*'[^']*'\s*)?$/.exec(inner);
  if (!m || !isConditionKey(m[1])) return false;
  const prefix = m[1].slice(0, m[1].indexOf(':'));
  // Keys of web identity providers and SAML are named by the provider, not in a catalog.
  if (prefix.includes('.') || prefix.includes('/') || prefix.toLowerCase() === 'saml') return true;
  return conditionKeyKnown(m[1]);
}
