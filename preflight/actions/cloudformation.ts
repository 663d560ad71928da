/**
 * CloudFormation resource types that lzkit's StackSet templates use, mapped to the Terraform
 * type whose API calls (and IAM actions) are the same: a StackSet instance creates them with
 * the same IAM API the provider calls.
 */
export const CLOUDFORMATION_TO_TERRAFORM: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'aws_iam_role',
  'AWS::IAM::ManagedPolicy': 'aws_iam_policy',
  'AWS::IAM::Policy': 'aws_iam_role_policy',
  'AWS::IAM::RolePolicy': 'aws_iam_role_policy',
  'AWS::Config::ConfigurationRecorder': 'aws_config_configuration_recorder',
  'AWS::Config::DeliveryChannel': 'aws_config_delivery_channel',
};

/** What the StackSet execution role itself calls in each target account to run the instance's stack. */
export const STACK_INSTANCE_ACTIONS = ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents'] as const;
