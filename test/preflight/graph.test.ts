import { checkGraph, terraformVersion } from '../../preflight/graph/run';
import { rewriteReferences, standInConfig } from '../../preflight/graph/stand-in';
import { stacks } from './fixtures';

const topicPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sns:Publish', Resource: '${aws_sns_topic.audit.arn}' }] });

// A resource whose arguments refer to itself: Terraform refuses it ("Self-referential block",
// https://developer.hashicorp.com/terraform/language/expressions/references); the provider's
// documented shape is a separate aws_sns_topic_policy
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy).
const selfReferencing = stacks({ name: 'audit', resource: { aws_sns_topic: { audit: { name: 'audit', policy: topicPolicy } } } });
const separatePolicy = stacks({
  name: 'audit',
  data: { terraform_remote_state: { org: { backend: 'local', config: { path: '../org.tfstate' } } } },
  resource: {
    aws_sns_topic: { audit: { name: 'audit', kms_master_key_id: '${data.terraform_remote_state.org.outputs.key_arn}' } },
    aws_sns_topic_policy: { audit: { arn: '${aws_sns_topic.audit.arn}', policy: topicPolicy, depends_on: ['aws_sns_topic.audit'] } },
    aws_iam_role: { fn: { name: 'fn', assume_role_policy: '${jsonencode({"Version" = "2012-10-17", "Statement" = []})}', tags: { topic: '${element(split(":", aws_sns_topic.audit.arn), 5)}' } } },
  },
});

describe('the Terraform graph check', () => {
  it('stands in terraform_data for every resource and data source, references and depends_on rewritten', () => {
    const config = standInConfig(separatePolicy[0]) as { resource: { terraform_data: Record<string, { triggers_replace: Record<string, unknown>; depends_on?: string[] }> } };
    const r = config.resource.terraform_data;
    expect(Object.keys(r).sort()).toEqual(['aws_iam_role__fn', 'aws_sns_topic__audit', 'aws_sns_topic_policy__audit', 'data__terraform_remote_state__org', 'preflight_pending']);
    expect(r.aws_sns_topic_policy__audit.triggers_replace.arn).toBe('${terraform_data.aws_sns_topic__audit.output.arn}');
    expect(r.aws_sns_topic_policy__audit.depends_on).toEqual(['terraform_data.aws_sns_topic__audit']);
    expect(r.aws_sns_topic__audit.triggers_replace.kms_master_key_id).toBe('${terraform_data.data__terraform_remote_state__org.output.outputs.key_arn}');
    // Quoted text inside an expression is not a reference.
    expect(rewriteReferences('${split(":", aws_sns_topic.audit.arn)} "aws_sns_topic.audit"', new Set(['aws_sns_topic.audit'])))
      .toBe('${split(":", terraform_data.aws_sns_topic__audit.output.arn)} "aws_sns_topic.audit"');
  });

  it('without terraform on PATH, says in one warning that the graph check was skipped and which version it needs', async () => {
    const g = await checkGraph(selfReferencing, { ...process.env, PATH: '/nonexistent' });
    expect(g.findings).toHaveLength(1);
    expect(g.findings[0].level).toBe('warning');
    expect(g.findings[0].message).toBe('graph check skipped: it needs terraform >= 1.5.0 on PATH (none found)');
  });

  it('with terraform on PATH, lets Terraform refuse the self-reference with its own message, and plan the documented shape', async () => {
    const version = await terraformVersion();
    const bad = await checkGraph(selfReferencing);
    const good = await checkGraph(separatePolicy);
    if (!version) {
      // This machine has no terraform: the check says so instead of passing silently.
      expect(bad.skipped).toMatch(/needs terraform >= 1\.5\.0/);
      return;
    }
    expect(bad.findings.map((f) => [f.level, f.resource])).toEqual([['error', 'aws_sns_topic.audit']]);
    expect(bad.findings[0].message).toMatch(/Self-referential block: Configuration for aws_sns_topic\.audit may not refer to itself/);
    expect(good.findings).toEqual([]);
  }, 120_000);

  it('with terraform on PATH, reports a dependency cycle between two resources as Terraform words it', async () => {
    const cycle = stacks({ name: 'net', resource: {
      aws_vpc: { a: { cidr_block: '10.0.0.0/16', tags: { peer: '${aws_subnet.b.id}' } } },
      aws_subnet: { b: { vpc_id: '${aws_vpc.a.id}', cidr_block: '10.0.0.0/24' } },
    } });
    const g = await checkGraph(cycle);
    if (!(await terraformVersion())) {
      expect(g.skipped).toMatch(/needs terraform >= 1\.5\.0/);
      return;
    }
    expect(g.findings).toHaveLength(1);
    expect(g.findings[0].message).toMatch(/Cycle: .*aws_(vpc\.a|subnet\.b)/);
  }, 120_000);
});

describe('the stand-in rewrite', () => {
  const addresses = new Set(['aws_s3_bucket.b', 'data.aws_caller_identity.me']);
  it('finds references inside nested braces and templates inside string literals, and keeps escaped templates as text', () => {
    expect(rewriteReferences('${jsonencode({"Statement" = [{"Resource" = "${aws_s3_bucket.b.arn}/*", "Effect" = {"a" = data.aws_caller_identity.me.account_id}}]})}', addresses))
      .toBe('${jsonencode({"Statement" = [{"Resource" = "${terraform_data.aws_s3_bucket__b.output.arn}/*", "Effect" = {"a" = terraform_data.data__aws_caller_identity__me.output.account_id}}]})}');
    expect(rewriteReferences('{"Resource":"${aws_s3_bucket.b.arn}"} and $${aws_s3_bucket.b.arn}', addresses))
      .toBe('{"Resource":"${terraform_data.aws_s3_bucket__b.output.arn}"} and $${aws_s3_bucket.b.arn}');
  });
});
