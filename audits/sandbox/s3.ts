import { escapeXml, type AwsError } from './protocol';

/** S3 (REST-XML) bucket reads: `GET /<bucket>?<subresource>` (path style) or `GET /?<subresource>` with the bucket in Host (virtual-host style). */
const X = (name: string, v: string | number | boolean | undefined): string => (v === undefined ? '' : `<${name}>${escapeXml(String(v))}</${name}>`);

/** The bucket subresources the collectors read, and the S3 operation each GET is. */
const SUBRESOURCES: Readonly<Record<string, string>> = {
  policy: 'GetBucketPolicy', encryption: 'GetBucketEncryption', versioning: 'GetBucketVersioning',
  publicAccessBlock: 'GetPublicAccessBlock', logging: 'GetBucketLogging', lifecycle: 'GetBucketLifecycleConfiguration',
  ownershipControls: 'GetBucketOwnershipControls', 'object-lock': 'GetObjectLockConfiguration',
};

export interface S3Request {
  readonly bucket: string;
  readonly subresource: string;
  /** The S3 operation (`GetBucketPolicy`); empty for a request the sandbox does not serve. */
  readonly operation: string;
}

/** Bucket and subresource of a request; `endpointHost` is the sandbox's own host:port. */
export function s3Request(url: string, host: string, endpointHost: string): S3Request {
  const u = new URL(url, `http://${host}`);
  const subresource = Object.keys(SUBRESOURCES).find((k) => u.searchParams.has(k)) ?? '';
  const operation = SUBRESOURCES[subresource] ?? '';
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
