import { landingZone } from 'lzkit/testing';

// The declaration in this folder, loaded once; each request is decided by the account's
// effective SCP/RCP chain, offline. Write one test per promise a guardrail makes.
const lz = landingZone();
const members = [...lz.model.accounts.values()].filter((a) => a.name !== lz.model.organization.managementAccount);

it('lets no member account leave the organization', () => {
  for (const account of members) {
    expect(lz.request({ account: account.name, action: 'organizations:LeaveOrganization' }))
      .toBeDeniedBy('deny-leave-organization');
  }
});

it('keeps workloads in the allowed regions', () => {
  expect(lz.request({ account: 'workload', action: 'ec2:RunInstances', region: 'il-central-1' }))
    .toBeDeniedBy('region-deny');
  expect(lz.request({ account: 'workload', action: 'ec2:RunInstances', region: 'us-east-1' }))
    .toBeAllowed();
});

it('leaves the management account outside every SCP, as AWS does', () => {
  expect(lz.request({ account: 'management', action: 'organizations:LeaveOrganization' })).toBeAllowed();
});
