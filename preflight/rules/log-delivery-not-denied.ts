import { evaluate } from '../../model/simulate/engine';
import { str } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

interface Statement { Sid?: string; Effect?: string; Principal?: unknown; Action?: unknown; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> }

/** The writes AWS documents for each log-delivery service, and the SSE header each carries. */
const DELIVERIES = [
  // Digest files are encrypted with SSE-S3 whatever the trail's key; their request says AES256.
  { service: 'cloudtrail.amazonaws.com', what: 'CloudTrail digest files (SSE-S3)', key: 'CloudTrail-Digest/digest.json.gz', sse: 'AES256',
    doc: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html' },
  // Flow-log delivery writes without an SSE header; the bucket's default encryption applies.
  { service: 'delivery.logs.amazonaws.com', what: 'VPC flow-log delivery (no SSE header)', key: 'flow.log.gz', sse: undefined,
    doc: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html' },
] as const;

/**
 * A log bucket's own policy must not deny the writes the log services make: CloudTrail writes its
 * digest files with SSE-S3, and flow-log delivery sends no SSE header, so a Deny on
 * `StringNotEqualsIfExists s3:x-amz-server-side-encryption aws:kms` refuses both (log file
 * validation then silently produces nothing). Evaluated with the simulator's IAM engine on the
 * bucket policy itself.
 */
export const logDeliveryNotDenied: PreconditionRule = {
  id: 'log-delivery-not-denied',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
  description: 'A bucket policy that lets CloudTrail or flow-log delivery write does not deny their writes (CloudTrail digest files with SSE-S3, flow logs without an SSE header).',
  check({ stacks }) {
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const stack of stacks) {
      for (const r of stack.resources.filter((x) => x.type === 'aws_s3_bucket_policy')) {
        let doc: { Statement?: Statement[] | Statement };
        try {
          doc = JSON.parse(str(r.body, 'policy') ?? '') as typeof doc;
        } catch {
          continue;
        }
        const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
        for (const d of DELIVERIES) {
          const grant = statements.find((s) => s.Effect === 'Allow' && names(s.Principal, d.service) && listOf(s.Action).some((a) => /^s3:(PutObject|\*)$/i.test(a)));
          if (!grant) continue;
          applicable = true;
          const resource = listOf(grant.Resource)[0]?.replace(/\*$/, d.key) ?? '*';
          const context: Record<string, string> = { 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': d.service, 's3:x-amz-acl': 'bucket-owner-full-control' };
          // Satisfy the grant's own conditions (source trail, account, organization) so only a Deny can refuse.
          for (const values of Object.values(grant.Condition ?? {})) {
            for (const [k, v] of Object.entries(values)) if (!(k in context) || k === 's3:x-amz-acl') context[k] = listOf(v)[0] ?? '';
          }
          if (d.sse) context['s3:x-amz-server-side-encryption'] = d.sse;
          const result = evaluate({
            principal: d.service, action: 's3:PutObject', resource, resourceAccountId: '000000000000', context,
            identityPolicies: [], resourcePolicy: { name: r.address, document: doc }, scpLevels: [], rcpLevels: [],
          });
          const denied = result.denies.filter((x) => x.layer === 'resource-policy');
          if (denied.length) {
            problems.push({ stack: stack.name, resource: r.address, message: `${r.address} denies ${d.what} by statement ${denied.map((x) => `'${x.statement}'`).join(', ')}, although it grants them (${d.doc}): exempt ${d.service} from that Deny, or compare with StringNotEquals only when the header is present` });
          }
        }
      }
    }
    return applicable ? outcome(problems) : NOT_APPLICABLE;
  },
};

function listOf(v: unknown): string[] {
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function names(principal: unknown, service: string): boolean {
  const p = principal as { Service?: unknown } | undefined;
  return listOf(p?.Service).includes(service);
}
