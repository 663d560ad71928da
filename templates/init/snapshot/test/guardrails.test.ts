import { landingZone } from 'lzkit/testing';

// The declaration imported from your organization, loaded once; each request is decided by the
// account's effective SCP/RCP chain, offline. Write one test per promise a guardrail makes, e.g.
//   expect(lz.request({ account: 'prod-web', action: 'ec2:RunInstances', region: 'il-central-1' }))
//     .toBeDeniedBy('region-deny');
const lz = landingZone();

it('leaves the management account outside every SCP and RCP, as AWS does', () => {
  expect(lz.request({ account: lz.model.organization.managementAccount, action: 'organizations:LeaveOrganization' }))
    .toBeAllowed();
});
