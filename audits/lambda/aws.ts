import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Finding } from '../drift';
import type { Snapshot } from '../snapshot';
import type { ReportStore } from './run';

/** The report bucket as a ReportStore. */
export function bucketStore(s3: S3Client, bucket: string): ReportStore {
  return {
    async get(key) {
      try {
        const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await r.Body?.transformToString('utf8');
      } catch (e) {
        if ((e as Error).name === 'NoSuchKey') return undefined; // the first run has no previous one
        throw e;
      }
    },
    async put(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
  };
}

/** sns:Publish through the SDK client (its retries and signing). */
export function snsPublisher(topicArn: string, region: string, credentials: AwsCredentialIdentityProvider): (subject: string, message: string) => Promise<void> {
  const sns = new SNSClient({ region, credentials });
  return async (subject, message) => {
    await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: subject.slice(0, 100), Message: message }));
  };
}

const ASFF_SEVERITY: Readonly<Record<string, string>> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFORMATIONAL' };
/** BatchImportFindings takes at most 100 findings per call. */
const ASFF_BATCH = 100;

/** A drift finding in the AWS Security Finding Format, reported by the audit account. */
export function toAsff(f: Finding, snapshot: Snapshot, o: { region: string; productAccountId: string; now: string }): Record<string, unknown> {
  return {
    SchemaVersion: '2018-10-08',
    Id: `lzkit/${snapshot.organization.id}/${f.id}`,
    ProductArn: `arn:aws:securityhub:${o.region}:${o.productAccountId}:product/${o.productAccountId}/default`,
    GeneratorId: `lzkit-drift/${f.category}`,
    AwsAccountId: /^\d{12}$/.test(f.resource.id) ? f.resource.id : o.productAccountId,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards/lzkit drift'],
    CreatedAt: o.now, UpdatedAt: o.now,
    Severity: { Label: ASFF_SEVERITY[f.severity] ?? 'MEDIUM' },
    Title: `${f.category}: ${f.resource.name}`.slice(0, 256),
    Description: f.message.slice(0, 1024),
    Remediation: { Recommendation: { Text: f.remediation.slice(0, 512) } },
    Resources: [{ Type: 'Other', Id: `${f.resource.type}/${f.resource.id}`, Details: { Other: { name: f.resource.name } } }],
  };
}

/** securityhub:BatchImportFindings, 100 findings per call. */
export function securityHubExporter(region: string, productAccountId: string, credentials: AwsCredentialIdentityProvider): (findings: readonly Finding[], snapshot: Snapshot) => Promise<void> {
  const hub = new SecurityHubClient({ region, credentials });
  return async (findings, snapshot) => {
    const now = new Date().toISOString();
    for (let i = 0; i < findings.length; i += ASFF_BATCH) {
      const batch = findings.slice(i, i + ASFF_BATCH).map((f) => toAsff(f, snapshot, { region, productAccountId, now }));
      const r = await hub.send(new BatchImportFindingsCommand({ Findings: batch as unknown as AwsSecurityFinding[] }));
      if (r.FailedCount) throw new Error(`Security Hub refused ${r.FailedCount} of ${batch.length} findings: ${r.FailedFindings?.[0]?.ErrorMessage ?? 'no reason given'}`);
    }
  };
}
