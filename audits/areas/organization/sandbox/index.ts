import { THROTTLE_CODE } from '../../../sandbox/protocol';
import type { SandboxService } from '../../../sandbox/service';
import { ORGANIZATIONS_OPERATIONS } from './organizations';
import { IAM_OPERATIONS, STS_OPERATIONS } from './query';

/** Organizations (JSON 1.1), STS and IAM (query protocol), as the collectors and `lzkit full-aws-access` call them. */
export const ORGANIZATION_SERVICES: readonly SandboxService[] = [
  {
    service: 'organizations', protocol: 'json', throttle: THROTTLE_CODE.json,
    // DescribeOrganization: "You can call this operation from any account in a organization" (its doc
    // comment in @aws-sdk/client-organizations), as DescribeEffectivePolicy; the rest only from the management account.
    managementOnly: (op) => op !== 'DescribeOrganization' && op !== 'DescribeEffectivePolicy',
    operations: ORGANIZATIONS_OPERATIONS,
  },
  { service: 'sts', protocol: 'query', operations: STS_OPERATIONS },
  { service: 'iam', protocol: 'query', operations: IAM_OPERATIONS },
];
