import { lineOf } from '../model/declaration-copy';
import { cleanup, diffExample } from './fixture';

afterAll(cleanup);

describe('organization', () => {
  it('an account removed is an error that says what Terraform does to the AWS account', () => {
    const { report, base } = diffExample([{
      rel: 'accounts/accounts.yaml',
      from: '  - name: prod-data\n    email: aws-prod-data@example.com\n    ou: Workloads/Prod\n    tags: { cost-center: data, environment: prod }\n',
      to: '',
    }], true);
    const removed = report.organization.find((c) => c.kind === 'account-removed')!;
    expect(removed).toMatchObject({ subject: 'prod-data', severity: 'error', before: 'Workloads/Prod' });
    // Destroying aws_organizations_account with close_on_deletion false removes the account from
    // the organization without closing it; prevent_destroy leaves with the resource block.
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_account
    // https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
    expect(removed.detail).toMatch(/removes the AWS account from the organization \(it is not closed/);
    expect(removed.detail).toMatch(/prevent_destroy leaves with the resource block/);
    expect(removed.location).toEqual({ file: 'accounts/accounts.yaml', line: lineOf(base.lz.dir, 'accounts/accounts.yaml', 'name: prod-data'), column: 5 });
    expect(report.resources).toContainEqual({ stack: 'accounts-Workloads', address: 'aws_organizations_account.account_prod-data', action: 'destroy', protected: true, location: removed.location });
    expect(report.summary.errors).toEqual([expect.stringContaining('aws_organizations_account.account_prod-data is protected')]);
  });

  it('an account moved, an OU renamed (same id), an OU created', () => {
    const { report, headDir } = diffExample([
      { rel: 'accounts/accounts.yaml', from: 'email: aws-sandbox-alice@example.com\n    ou: Sandbox', to: 'email: aws-sandbox-alice@example.com\n    ou: Workloads/NonProd' },
      { rel: 'accounts/organization.yaml', from: '  - name: Suspended\n', to: '  - name: Experiments\n  - name: Suspended\n' },
      { rel: 'accounts/organization.yaml', from: '      - name: Prod\n', to: '      - name: Production\n' },
      // OU paths name OUs everywhere: the renamed OU's references follow it.
      { rel: 'accounts/accounts.yaml', from: 'id: "555555555555"\n    ou: Workloads/Prod', to: 'id: "555555555555"\n    ou: Workloads/Production' },
      { rel: 'accounts/accounts.yaml', from: 'aws-prod-web@example.com\n    ou: Workloads/Prod', to: 'aws-prod-web@example.com\n    ou: Workloads/Production' },
      { rel: 'accounts/accounts.yaml', from: 'aws-prod-data@example.com\n    ou: Workloads/Prod', to: 'aws-prod-data@example.com\n    ou: Workloads/Production' },
      { rel: 'accounts/guardrails.yaml', from: 'targets: { ous: [Infrastructure, Workloads/Prod, Workloads/NonProd] }', to: 'targets: { ous: [Infrastructure, Workloads/Production, Workloads/NonProd] }' },
      { rel: 'accounts/guardrails.yaml', from: 'targets: { ous: [Workloads/Prod, Workloads/NonProd, Sandbox] }', to: 'targets: { ous: [Workloads/Production, Workloads/NonProd, Sandbox] }' },
      { rel: 'accounts/guardrails.yaml', from: 'targets: { ous: [Workloads/Prod, Workloads/NonProd] }', to: 'targets: { ous: [Workloads/Production, Workloads/NonProd] }' },
      { rel: 'accounts/identity.yaml', from: 'targets: { ous: [Workloads/Prod] }', to: 'targets: { ous: [Workloads/Production] }' },
      { rel: 'accounts/network.yaml', from: 'shareWith: { ous: [Workloads/Prod] }', to: 'shareWith: { ous: [Workloads/Production] }' },
    ]);
    const kinds = report.organization.map((c) => `${c.kind} ${c.subject}`).sort();
    expect(kinds).toEqual(['account-moved sandbox-alice', 'ou-created Experiments', 'ou-renamed Workloads/Production']);
    expect(report.organization.find((c) => c.kind === 'ou-renamed')).toMatchObject({ before: 'Prod', after: 'Production' });
    expect(report.organization.find((c) => c.kind === 'account-moved')).toMatchObject({ before: 'Sandbox', after: 'Workloads/NonProd', location: { file: 'accounts/accounts.yaml', line: lineOf(headDir, 'accounts/accounts.yaml', 'name: sandbox-alice') } });
    // A renamed OU keeps its accounts: they are not reported as moved, and their guardrails are the same.
    expect(report.decisions.filter((d) => d.account.startsWith('prod-'))).toEqual([]);
  });

  it('a policy type turned on, a trusted service turned off', () => {
    const { report } = diffExample([
      { rel: 'accounts/organization.yaml', from: 'BACKUP_POLICY]', to: 'BACKUP_POLICY, CHATBOT_POLICY]' },
      { rel: 'accounts/organization.yaml', from: '    - guardduty.amazonaws.com\n', to: '' },
      { rel: 'accounts/organization.yaml', from: '    - { service: guardduty.amazonaws.com, account: security-tooling }\n', to: '' },
      // GuardDuty is no longer delegated, so security-services.yaml no longer configures it.
      { rel: 'accounts/security-services.yaml', from: 'guardDuty:                              # in every allowed region\n  autoEnable: ALL                       # every member account, present and future\n  protection:\n    s3: true\n    eksAuditLogs: true\n    runtimeMonitoring: true             # with the agents managed for EKS, ECS Fargate and EC2\n    malwareProtection: true\n    rdsLoginEvents: true\n    lambdaNetworkLogs: true\n  exportFindings: true                  # to the log archive bucket, encrypted with its key\n', to: '' },
    ]);
    expect(report.organization.map((c) => `${c.kind} ${c.subject}`).sort()).toEqual(['policy-type-enabled CHATBOT_POLICY', 'trusted-service-disabled guardduty.amazonaws.com']);
  });
});
