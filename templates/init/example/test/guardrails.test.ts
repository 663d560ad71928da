import { landingZone } from 'lzkit/testing';

// The declaration in this folder, loaded once; each request is decided by the account's
// effective SCP/RCP chain, offline. Write one test per promise a guardrail makes.
const lz = landingZone();

it('keeps workloads in the allowed regions', () => {
  expect(lz.request({ account: 'prod-payments', action: 'ec2:RunInstances', region: 'il-central-1' }))
    .toBeDeniedBy('region-deny');
});

it('spares break-glass', () => {
  expect(lz.request({ account: 'prod-payments', action: 'ec2:RunInstances', region: 'il-central-1',
    principal: 'BreakGlassAdministrator' })).toBeAllowed();
});

it('lets no member account leave the organization', () => {
  for (const account of lz.model.accounts.values()) {
    if (account.name === lz.model.organization.managementAccount) continue;
    expect(lz.request({ account: account.name, action: 'organizations:LeaveOrganization' }))
      .toBeDeniedBy('deny-leave-organization');
  }
});
