import {
  CloudformationStackSet, CloudformationStackSetInstance, ConfigConfigurationRecorder, ConfigConfigurationRecorderStatus, ConfigDeliveryChannel,
  IamRole, IamRolePolicyAttachment,
} from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredConfig, DesiredRecorder } from '../../desired';
import type { PolicyStatement } from '../../model';
import { logicalId } from './logical-id';
import { policyJson } from './policy-document';

/** Config assumes the recorder's role as its service principal. */
function recorderTrust(condition?: PolicyStatement['Condition']): PolicyStatement {
  return { Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) };
}

/**
 * The recorder of a member account in one region, as a CloudFormation template: its own role
 * (unnamed, so each regional stack instance has one: no instance waits for another), the recorder
 * and its delivery channel, which CloudFormation starts once the channel exists. The shape of
 * AWS's StackSets sample "Enable AWS Config"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-sampletemplates.html).
 */
export function recorderTemplate(r: DesiredRecorder): string {
  const channel = r.deliveryChannel;
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'lzkit AWS Config recorder, delivering to the log archive (accounts/security-services.yaml)',
    Conditions: { RecordsGlobalResources: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, r.globalResourcesRegion] } },
    Resources: {
      RecorderRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description: 'Role the lzkit AWS Config recorder reads resource configurations with',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [recorderTrust({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } })] },
          ManagedPolicyArns: [r.roleManagedPolicyArn],
          Tags: [{ Key: 'managed-by', Value: 'lzkit' }],
        },
      },
      Recorder: {
        Type: 'AWS::Config::ConfigurationRecorder',
        Properties: {
          Name: r.name,
          RoleARN: { 'Fn::GetAtt': ['RecorderRole', 'Arn'] },
          RecordingGroup: { AllSupported: r.allSupported, IncludeGlobalResourceTypes: { 'Fn::If': ['RecordsGlobalResources', true, false] } },
        },
      },
      DeliveryChannel: {
        Type: 'AWS::Config::DeliveryChannel',
        Properties: {
          Name: channel.name, S3BucketName: channel.bucket, S3KeyPrefix: channel.keyPrefix, S3KmsKeyArn: channel.kmsKeyArn,
          ConfigSnapshotDeliveryProperties: { DeliveryFrequency: channel.deliveryFrequency },
        },
      },
    },
  });
}

export interface ConfigRecordersProps {
  readonly config: DesiredConfig;
  /** The management account's provider in each allowed region (the home region's default one included). */
  readonly managementProviders: ReadonlyMap<string, AwsProvider | undefined>;
  /** The StackSet's OU ids and excluded account ids, resolved. */
  readonly organizationalUnitIds: readonly string[];
  readonly excludeAccountIds: readonly string[];
  readonly homeRegion: string;
}

/**
 * A recorder in every recording account and allowed region: Terraform resources in the
 * management account (service-managed StackSets never deploy there), and a service-managed
 * StackSet with auto-deployment, one instance per allowed region, for the member accounts.
 */
export class ConfigRecorders extends Construct {
  readonly stackSet: CloudformationStackSet;

  constructor(scope: Construct, id: string, props: ConfigRecordersProps) {
    super(scope, id);
    const { config: c, managementProviders } = props;
    const home = managementProviders.get(props.homeRegion);
    const role = new IamRole(this, 'ManagementRole', {
      provider: home, name: c.management.roleName, description: 'Role the lzkit AWS Config recorder reads resource configurations with',
      assumeRolePolicy: policyJson([recorderTrust()]),
    });
    role.overrideLogicalId('config_recorder');
    const attachment = new IamRolePolicyAttachment(this, 'ManagementRolePolicy', { provider: home, role: role.name, policyArn: c.recorder.roleManagedPolicyArn });
    attachment.overrideLogicalId('config_recorder');
    for (const region of c.regions) {
      const provider = managementProviders.get(region);
      const name = logicalId('config_recorder', [region]);
      const recorder = new ConfigConfigurationRecorder(this, `Recorder-${region}`, {
        provider, name: c.recorder.name, roleArn: role.arn,
        recordingGroup: { allSupported: c.recorder.allSupported, includeGlobalResourceTypes: region === c.recorder.globalResourcesRegion },
        dependsOn: [attachment],
      });
      recorder.overrideLogicalId(name);
      const ch = c.recorder.deliveryChannel;
      // A delivery channel needs its recorder, and a recorder starts only with a channel:
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder_status
      const channel = new ConfigDeliveryChannel(this, `Channel-${region}`, {
        provider, name: ch.name, s3BucketName: ch.bucket, s3KeyPrefix: ch.keyPrefix, s3KmsKeyArn: ch.kmsKeyArn,
        snapshotDeliveryProperties: { deliveryFrequency: ch.deliveryFrequency }, dependsOn: [recorder],
      });
      channel.overrideLogicalId(name);
      new ConfigConfigurationRecorderStatus(this, `Status-${region}`, { provider, name: recorder.name, isEnabled: true, dependsOn: [channel] })
        .overrideLogicalId(name);
    }

    this.stackSet = new CloudformationStackSet(this, 'StackSet', {
      provider: home,
      name: c.members.stackSetName,
      description: 'lzkit AWS Config recorder in every member account and allowed region',
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_IAM'],
      managedExecution: { active: true },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 50, regionConcurrencyType: 'PARALLEL' },
      templateBody: recorderTemplate(c.recorder),
      // AWS rewrites administration_role_arn for service-managed sets; do not fight it.
      lifecycle: { ignoreChanges: ['administration_role_arn'] },
    });
    this.stackSet.overrideLogicalId('config_recorder');
    for (const region of c.regions) {
      new CloudformationStackSetInstance(this, `Instances-${region}`, {
        provider: home,
        stackSetName: this.stackSet.name,
        region,
        deploymentTargets: {
          organizationalUnitIds: [...props.organizationalUnitIds],
          ...(props.excludeAccountIds.length ? { accountFilterType: 'DIFFERENCE', accounts: [...props.excludeAccountIds] } : {}),
        },
        operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 50 },
      }).overrideLogicalId(logicalId('config_recorder', [region]));
    }
  }
}
