import type { AreaActions } from '../area';

/** The network area's share of the audit role: the Transit Gateway hub, its shares, the VPCs attached to it. */
export const ACTIONS: AreaActions = {
  actions: [
    'ec2:DescribeSubnets',
    'ec2:DescribeTransitGatewayAttachments',
    'ec2:DescribeTransitGatewayRouteTables',
    'ec2:DescribeTransitGateways',
    'ec2:DescribeVpcs',
    'ec2:GetTransitGatewayRouteTablePropagations',
    'ram:GetResourceShareAssociations',
    'ram:GetResourceShares',
  ],
  sdkPackages: { '@aws-sdk/client-ec2': 'ec2', '@aws-sdk/client-ram': 'ram' },
};
