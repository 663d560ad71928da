import { CloudformationStackSet, CloudformationStackSetInstance, IamRole } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import { AUDIT_ROLE_SESSION_SECONDS } from '../../audits/collect/api-actions';
import type { PolicyStatement } from '../../model';
import { policyJson } from './policy-document';
import { RolePolicy } from './role-policy';

/** Who may assume the audit role: the audit function's role, from inside the organization. */
export interface AuditRoleTrust {
  /** ARN of the audit function's execution role (a token of the same stack). */
  readonly functionRoleArn: string;
  readonly organizationId: string;
  /** Further roles trusted (the CI workflow's OIDC role). @default none */
  readonly alsoTrust?: readonly string[];
}

export function auditRoleTrustPolicy(t: AuditRoleTrust): string {
  return policyJson([{
    Sid: 'AuditFunctionOnly', Effect: 'Allow', Principal: { AWS: t.alsoTrust?.length ? [t.functionRoleArn, ...t.alsoTrust] : t.functionRoleArn }, Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': t.organizationId } },
  }]);
}

/** The read-only permissions: exactly the actions the collectors call (audits/collect/api-actions.ts). */
export function auditRolePermissions(actions: readonly string[]): PolicyStatement[] {
  // The collectors read account-wide configuration (trails, buckets, keys, VPCs): resources are
  // not known before reading them, and every action is List or Read (test/audit-stack).
  return [{ Sid: 'LzkitDriftAuditRead', Effect: 'Allow', Action: [...actions], Resource: '*' }];
}

/** The CloudFormation template the StackSet deploys in every targeted account: one IAM role. */
export function auditRoleTemplate(roleName: string, trust: AuditRoleTrust, actions: readonly string[]): string {
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'lzkit read-only drift audit role (generated from audits/collect/api-actions.ts)',
    Resources: {
      AuditRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: roleName,
          Description: 'Read-only role the lzkit drift audit assumes',
          MaxSessionDuration: AUDIT_ROLE_SESSION_SECONDS,
          AssumeRolePolicyDocument: JSON.parse(auditRoleTrustPolicy(trust)) as unknown,
          Policies: [{ PolicyName: 'lzkit-drift-audit-read', PolicyDocument: JSON.parse(policyJson(auditRolePermissions(actions))) as unknown }],
          Tags: [{ Key: 'managed-by', Value: 'lzkit' }],
        },
      },
    },
  });
}

export interface AuditRoleEverywhereProps {
  /** The management account's provider: StackSets are administered there. */
  readonly provider: AwsProvider;
  readonly roleName: string;
  readonly trust: AuditRoleTrust;
  readonly actions: readonly string[];
  /** OU ids the StackSet deploys to (service-managed StackSets target OUs). */
  readonly organizationalUnitIds: readonly string[];
  /** Account ids under those OUs to leave out. @default none */
  readonly excludeAccountIds?: readonly string[];
  /** Region the role's stack instances are created in (IAM is global: one is enough). */
  readonly region: string;
}

/**
 * The audit role in every account: a service-managed StackSet with auto-deployment (a new
 * account gets the role when it joins a targeted OU, and loses it when it leaves), plus the same
 * role as a plain IAM role in the management account, where StackSets never deploy.
 */
export class AuditRoleEverywhere extends Construct {
  readonly stackSet: CloudformationStackSet;
  readonly managementRole: IamRole;

  constructor(scope: Construct, id: string, props: AuditRoleEverywhereProps) {
    super(scope, id);
    const { provider } = props;
    this.stackSet = new CloudformationStackSet(this, 'StackSet', {
      provider,
      name: 'lzkit-audit-role',
      description: 'lzkit read-only drift audit role in every account',
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { active: true },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 50, regionConcurrencyType: 'PARALLEL' },
      templateBody: auditRoleTemplate(props.roleName, props.trust, props.actions),
      // AWS rewrites administration_role_arn for service-managed sets; do not fight it.
      lifecycle: { ignoreChanges: ['administration_role_arn'] },
    });
    this.stackSet.overrideLogicalId('audit_role');
    const exclude = props.excludeAccountIds ?? [];
    const instance = new CloudformationStackSetInstance(this, 'Instances', {
      provider,
      stackSetName: this.stackSet.name,
      region: props.region,
      deploymentTargets: {
        organizationalUnitIds: [...props.organizationalUnitIds],
        ...(exclude.length ? { accountFilterType: 'DIFFERENCE', accounts: [...exclude] } : {}),
      },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 50 },
    });
    instance.overrideLogicalId('audit_role');

    this.managementRole = new IamRole(this, 'ManagementRole', {
      provider,
      name: props.roleName,
      description: 'Read-only role the lzkit drift audit assumes (management account)',
      maxSessionDuration: AUDIT_ROLE_SESSION_SECONDS,
      assumeRolePolicy: auditRoleTrustPolicy(props.trust),
    });
    this.managementRole.overrideLogicalId('management_audit_role');
    new RolePolicy(this, 'ManagementPolicy', {
      provider, role: this.managementRole.name, policyName: 'lzkit-drift-audit-read', logicalId: 'management_audit_role', statements: auditRolePermissions(props.actions),
    });
  }
}
