/**
 * AWS's own organization policies: attached to the root, every OU and every account while their
 * type is enabled. FullAWSAccess may be detached (then that level allows only what the other SCPs
 * attached there allow); RCPFullAWSAccess cannot be detached.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_strategies.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
 */
export const AWS_MANAGED_POLICIES = [
  {
    id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', detachable: true,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  {
    id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RESOURCE_CONTROL_POLICY', detachable: false,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
  },
] as const;

export const [FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS] = AWS_MANAGED_POLICIES;
