import type { Section } from '../section';
import { buildNetwork } from './build';
import type { NetworkDeclaration } from './types';

export type * from './types';
export { PRIVATE_ASN_RANGES } from './checks';
export { parseCidr, contains, overlaps, type Cidr } from './cidr';
export { routePlan, segmentNeighbours, segmentsConnected, spokeAttachment, PRIVATE_RANGES, type AttachmentKey, type SegmentRouteTable, type StaticRoute } from './graph';
export { ipamReservations, plannedVpcCidrs, type IpamReservation } from './ipam';
export { reach, UnknownAccountError, type ReachResult } from './reach';
export { AZ_LETTERS } from './regions';

/** accounts/network.yaml: the Transit Gateway hub, segments, IPAM, spokes, egress, flow logs. */
export const networkSection: Section<NetworkDeclaration> = {
  file: 'network.yaml',
  schema: 'network.schema.json',
  build: buildNetwork,
};
