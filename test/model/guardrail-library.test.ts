import { loadLandingZone, type Guardrail, type PolicyDocument, type PolicyStatement } from '../../model';
import { EXAMPLE_DIR } from './declaration-copy';

/** The shipped guardrail library (policies/) as the example declaration binds and attaches it. */
const r = loadLandingZone(EXAMPLE_DIR);
const lz = r.model!;
const policy = (id: string): Guardrail => {
  const g = lz.guardrails.policies.get(id);
  if (!g) throw new Error(`no guardrail ${id}`);
  return g;
};
const statements = (id: string): readonly PolicyStatement[] => (policy(id).document as PolicyDocument).Statement;
const attachedTo = (id: string): string[] => lz.guardrails.attachments.filter((a) => a.policyId === id).flatMap((a) => [...a.ous, ...a.accounts]);

const SCPS = [
  'deny-leave-organization', 'region-deny', 'protect-security-services', 'deny-root-user', 'protect-platform-roles',
  'deny-iam-users-and-access-keys', 'enforce-ebs-default-encryption', 'deny-s3-public-access-changes', 'deny-external-ram-sharing',
  'protect-flow-logs', 'protect-log-archive', 'quarantine', 'sandbox-limits', 'protect-network-baseline',
];
const RCPS = ['rcp-enforce-tls', 'rcp-organization-only-principals', 'rcp-confused-deputy-protection'];

describe('the guardrail library', () => {
  it('loads with the example without errors', () => {
    expect(r.errors).toEqual([]);
  });

  it('holds the agreed ids by type', () => {
    const byType = (t: string) => [...lz.guardrails.policies.values()].filter((g) => g.type === t).map((g) => g.id).sort();
    expect(byType('SCP')).toEqual([...SCPS].sort());
    expect(byType('RCP')).toEqual([...RCPS].sort());
    expect(byType('TAG')).toEqual(['tag-policy-cost-center']);
  });

  it('keeps every SCP and RCP within 5,120 characters after binding', () => {
    for (const g of lz.guardrails.policies.values()) {
      if (g.type !== 'TAG') expect({ id: g.id, length: g.content.length <= 5120 }).toEqual({ id: g.id, length: true });
    }
  });

  it('attaches every SCP and RCP somewhere', () => {
    for (const id of [...SCPS, ...RCPS]) expect({ id, attached: attachedTo(id).length > 0 }).toEqual({ id, attached: true });
    expect(lz.guardrails.attachments.length).toBeGreaterThanOrEqual(6);
  });

  it('binds the exemptions to the roles organization.yaml names', () => {
    const roles = lz.organization.roles;
    const exempt = statements('region-deny')[0].Condition!.ArnNotLike['aws:PrincipalARN'];
    expect(exempt).toEqual([`arn:aws:iam::*:role/${roles.breakGlass}`, `arn:aws:iam::*:role/${roles.deployment}`]);
  });

  it('region-deny: denies outside allowedRegions and spares the global services', () => {
    const [s] = statements('region-deny');
    expect(s.Effect).toBe('Deny');
    expect(s.Condition!.StringNotEquals['aws:RequestedRegion']).toEqual(lz.organization.allowedRegions);
    expect(s.NotAction).toEqual(expect.arrayContaining(['iam:*', 'organizations:*', 'route53:*', 'cloudfront:*', 'sts:*', 'support:*', 'budgets:*', 'ce:*', 'waf:*', 'globalaccelerator:*', 'health:*', 'trustedadvisor:*']));
    expect(attachedTo('region-deny')).not.toContain('Root');
  });

  it('the RCPs deny with Principal "*" and use the organization id', () => {
    for (const id of RCPS) {
      for (const s of statements(id)) expect({ id, effect: s.Effect, principal: s.Principal }).toEqual({ id, effect: 'Deny', principal: '*' });
    }
    const orgOnly = statements('rcp-organization-only-principals')[0].Condition!;
    expect(orgOnly.StringNotEqualsIfExists['aws:PrincipalOrgID']).toBe(lz.organization.id);
    expect(orgOnly.BoolIfExists['aws:PrincipalIsAWSService']).toBe('false');
    const deputy = statements('rcp-confused-deputy-protection')[0].Condition!;
    expect(deputy.StringNotEqualsIfExists['aws:SourceOrgID']).toBe(lz.organization.id);
    expect(deputy.Bool['aws:PrincipalIsAWSService']).toBe('true');
  });

  it('protect-log-archive covers the bucket and its objects', () => {
    expect(statements('protect-log-archive')[0].Resource).toEqual(['arn:aws:s3:::lzkit-logs-*', 'arn:aws:s3:::lzkit-logs-*/*']);
  });

  it('attaches quarantine only to the Suspended OU', () => {
    expect(attachedTo('quarantine')).toEqual(['Suspended']);
  });
});
