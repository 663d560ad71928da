import { AwsError, escapeXml } from './protocol';
import { served, type SandboxWorld } from './world';

/** S3 (REST-XML) bucket reads: `GET /<bucket>?<subresource>` (path style) or `GET /?<subresource>` with the bucket in Host (virtual-host style). */
const X = (name: string, v: string | number | boolean | undefined): string => (v === undefined ? '' : `<${name}>${escapeXml(String(v))}</${name}>`);
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/** The bucket subresources the collectors read, and the S3 operation each GET is. */
const SUBRESOURCES: Readonly<Record<string, string>> = {
  policy: 'GetBucketPolicy', encryption: 'GetBucketEncryption', versioning: 'GetBucketVersioning',
  publicAccessBlock: 'GetPublicAccessBlock', logging: 'GetBucketLogging', lifecycle: 'GetBucketLifecycleConfiguration',
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

/** The answer body (XML, or the policy JSON) for one bucket subresource, in the caller's account. */
export function s3Answer(w: SandboxWorld, r: S3Request, caller: string): string {
  const op = `s3:${r.operation}`;
  const l = w.snapshot.logging === undefined ? undefined : served(w.snapshot.logging, op);
  const bucket = l ? served(l.bucket, op) : undefined;
  const b = bucket && bucket.name === r.bucket ? bucket : undefined;
  if (!b) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
  if (l!.archiveAccountId !== caller) throw new AwsError('AccessDenied', 'Access Denied', 403);
  switch (r.subresource) {
    case 'policy': {
      const policy = served(b.policy, op);
      if (!policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
      return policy;
    }
    case 'encryption': {
      const encryption = served(b.encryption, op);
      if (!encryption) throw new AwsError('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404);
      return `<ServerSideEncryptionConfiguration ${NS}><Rule><ApplyServerSideEncryptionByDefault>${X('SSEAlgorithm', encryption.algorithm)}${X('KMSMasterKeyID', encryption.kmsKeyId)}</ApplyServerSideEncryptionByDefault>${X('BucketKeyEnabled', encryption.bucketKeyEnabled)}</Rule></ServerSideEncryptionConfiguration>`;
    }
    case 'versioning':
      return `<VersioningConfiguration ${NS}>${X('Status', served(b.versioning, op) ?? undefined)}</VersioningConfiguration>`;
    case 'publicAccessBlock': {
      const p = served(b.publicAccessBlock, op);
      if (!p) throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      return `<PublicAccessBlockConfiguration ${NS}>${X('BlockPublicAcls', p.blockPublicAcls)}${X('IgnorePublicAcls', p.ignorePublicAcls)}${X('BlockPublicPolicy', p.blockPublicPolicy)}${X('RestrictPublicBuckets', p.restrictPublicBuckets)}</PublicAccessBlockConfiguration>`;
    }
    case 'logging': {
      const logging = served(b.logging, op);
      return `<BucketLoggingStatus ${NS}>${logging ? `<LoggingEnabled>${X('TargetBucket', logging.targetBucket)}${X('TargetPrefix', logging.targetPrefix)}</LoggingEnabled>` : ''}</BucketLoggingStatus>`;
    }
    case 'lifecycle': {
      const lifecycle = served(b.lifecycle, op);
      if (!lifecycle?.length) throw new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404);
      return `<LifecycleConfiguration ${NS}>${lifecycle.map((rule) => `<Rule>${X('ID', rule.id)}<Filter><Prefix></Prefix></Filter>${X('Status', rule.status)}`
        + `${rule.transitions.map((t) => `<Transition>${X('Days', t.days)}${X('StorageClass', t.storageClass)}</Transition>`).join('')}`
        + `${rule.expirationDays !== undefined ? `<Expiration>${X('Days', rule.expirationDays)}</Expiration>` : ''}`
        + `${rule.noncurrentExpirationDays !== undefined ? `<NoncurrentVersionExpiration>${X('NoncurrentDays', rule.noncurrentExpirationDays)}</NoncurrentVersionExpiration>` : ''}</Rule>`).join('')}</LifecycleConfiguration>`;
    }
    default:
      throw new AwsError('NotImplemented', `The sandbox does not serve this S3 request (${r.subresource || 'no subresource'})`, 501);
  }
}

export function s3Error(requestId: string, e: AwsError): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: e.status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error>${X('Code', e.code)}${X('Message', e.message)}${X('RequestId', requestId)}</Error>`,
  };
}
