import { escapeXml, type AwsError } from './protocol';

/** S3 (REST-XML) bucket reads: `GET /<bucket>?<subresource>` (path style) or `GET /?<subresource>` with the bucket in Host (virtual-host style). */
const X = (name: string, v: string | number | boolean | undefined): string => (v === undefined ? '' : `<${name}>${escapeXml(String(v))}</${name}>`);

/**
 * The S3 operation each bucket GET is, by its subresource (`GET /?ownershipControls` is
 * GetBucketOwnershipControls), read from the operation schemas of the S3 client lzkit calls with:
 * the sandbox routes exactly what the SDK sends, and an area reading another bucket setting needs
 * no entry here. Empty if a new SDK lays its schemas out differently; the collectors' tests then fail.
 */
let subresources: ReadonlyMap<string, string> | undefined;
function operations(): ReadonlyMap<string, string> {
  if (subresources) return subresources;
  const table = new Map<string, string>();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first S3 request only
  for (const [name, schema] of Object.entries(require('@aws-sdk/client-s3') as Record<string, unknown>)) {
    if (!name.endsWith('$') || !Array.isArray(schema) || schema[0] !== 9 || typeof schema[2] !== 'string') continue;
    const http = Object.values((schema[3] ?? {}) as Record<string, unknown>).find((t): t is [string, string, number] => Array.isArray(t) && t.length === 3 && typeof t[1] === 'string');
    const sub = http?.[0] === 'GET' ? /^\/\?([A-Za-z-]+)$/.exec(http[1])?.[1] : undefined;
    if (sub) table.set(sub, schema[2]);
  }
  subresources = table;
  return table;
}

export interface S3Request {
  readonly bucket: string;
  readonly subresource: string;
  /** The S3 operation (`GetBucketPolicy`); empty for a request the sandbox does not serve. */
  readonly operation: string;
}

/** Bucket and subresource of a request; `endpointHost` is the sandbox's own host:port. */
export function s3Request(url: string, host: string, endpointHost: string): S3Request {
  const u = new URL(url, `http://${host}`);
  const table = operations();
  const subresource = [...u.searchParams.keys()].find((k) => table.has(k)) ?? '';
  const operation = table.get(subresource) ?? '';
  const hostname = host.split(':')[0];
  const base = endpointHost.split(':')[0];
  if (hostname !== base && hostname.endsWith(`.${base}`)) return { bucket: hostname.slice(0, -base.length - 1), subresource, operation };
  return { bucket: decodeURIComponent(u.pathname.split('/')[1] ?? ''), subresource, operation };
}

export function s3Error(requestId: string, e: AwsError): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: e.status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error>${X('Code', e.code)}${X('Message', e.message)}${X('RequestId', requestId)}</Error>`,
  };
}
