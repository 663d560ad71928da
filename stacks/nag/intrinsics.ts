/**
 * Terraform interpolations (`${aws_s3_bucket.logs.arn}`) turned into the CloudFormation
 * intrinsics cdk-nag's rules resolve (`Fn::GetAtt`, `Ref`, `Fn::Join`), so a rule that asks
 * "does this policy name this bucket?" sees the same link Terraform does.
 */
const INTERPOLATION = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}/g;
const WHOLE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** Which shadow logical id stands for a Terraform address. */
export type LogicalIds = ReadonlyMap<string, string>;

/** Attributes that CloudFormation returns from `Ref` (the name / id); anything else is `Fn::GetAtt`. */
const REF_ATTRIBUTES = new Set(['id', 'bucket', 'name']);
const GETATT: Record<string, string> = { arn: 'Arn', key_id: 'KeyId' };

function reference(ids: LogicalIds, type: string, name: string, attr: string): unknown {
  const id = ids.get(`${type}.${name}`);
  if (!id) return undefined;
  if (REF_ATTRIBUTES.has(attr)) return { Ref: id };
  return { 'Fn::GetAtt': [id, GETATT[attr] ?? attr] };
}

/** The address a value refers to (`aws_s3_bucket.logs`), when it is exactly one interpolation. */
export function referencedAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = WHOLE.exec(value);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** Converts one string; strings without a known reference stay as they are. */
export function toIntrinsic(value: string, ids: LogicalIds): unknown {
  const whole = WHOLE.exec(value);
  if (whole) return reference(ids, whole[1], whole[2], whole[3]) ?? value;
  const parts: unknown[] = [];
  let last = 0;
  let converted = false;
  for (const m of value.matchAll(INTERPOLATION)) {
    const ref = reference(ids, m[1], m[2], m[3]);
    if (!ref) continue;
    converted = true;
    if (m.index > last) parts.push(value.slice(last, m.index));
    parts.push(ref);
    last = m.index + m[0].length;
  }
  if (!converted) return value;
  if (last < value.length) parts.push(value.slice(last));
  return { 'Fn::Join': ['', parts] };
}

/** Converts every string inside a JSON value (policy documents). */
export function deepIntrinsic(value: unknown, ids: LogicalIds): unknown {
  if (typeof value === 'string') return toIntrinsic(value, ids);
  if (Array.isArray(value)) return value.map((v) => deepIntrinsic(v, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepIntrinsic(v, ids)]));
  }
  return value;
}
