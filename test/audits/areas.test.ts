import { detectDrift } from '../../audits/drift';
import { applyDrift } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { notRead, type Snapshot } from '../../audits/snapshot';
import { asRead, auditAgainstSandbox, deployed, exampleLandingZone } from './fixtures';

const lz = exampleLandingZone();
const seed = snapshotFromDeclaration(lz);
const plain = asRead(seed);

/** The real collectors against the sandbox, pages of 2 so every area's pagination runs. */
const collect = async (snapshot: Snapshot) => {
  const r = await auditAgainstSandbox({ snapshot, pageSize: 2 }, {}, lz);
  return { snapshot: r.snapshot, findings: r.findings, stats: r.sandbox };
};

const SCENARIO_CATEGORY: Readonly<Record<string, string>> = {
  'trail-stopped': 'trail-misconfigured',
  'trail-single-region': 'trail-misconfigured',
  'trail-management-events-off': 'trail-misconfigured',
  'bucket-public': 'log-bucket-misconfigured',
  'log-bucket-acls-enabled': 'log-bucket-misconfigured',
  'tgw-auto-accept': 'tgw-misconfigured',
  'tgw-extra-propagation': 'tgw-misconfigured',
  'permission-set-edited': 'permission-set-modified',
  'assignment-removed': 'assignment-missing',
  'assignment-added': 'assignment-unexpected',
};

describe('logging, network and identity collectors against the sandbox (real SDK clients)', () => {
  it('reads every area of the perfectly deployed declaration back unchanged: no findings', async () => {
    const r = await collect(seed);
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.snapshot.logging).toEqual(seed.logging);
    expect(r.snapshot.network).toEqual(seed.network);
    expect(r.snapshot.identity).toEqual(seed.identity);
    // Assignments are listed only where a permission set is provisioned, never accounts x sets.
    const pairs = plain.identity!.permissionSets.reduce((n, p) => n + p.provisionedAccounts.length, 0);
    expect(r.stats.byOperation['sso:ListAccountAssignments']).toBeGreaterThanOrEqual(pairs);
    expect(r.stats.byOperation['sso:ListAccountAssignments']).toBeLessThan(plain.accounts.length * plain.identity!.permissionSets.length);
  });

  it('reads the VPC behind every attachment in its owner account: one DescribeVpcs and one DescribeSubnets per account and page', async () => {
    const r = await collect(seed);
    const net = asRead(r.snapshot).network!;
    const owners = new Set(net.attachments.map((a) => a.resourceOwnerId));
    expect(net.vpcs!.map((v) => `${v.ownerId}/${v.id}`).sort()).toEqual(net.attachments.map((a) => `${a.resourceOwnerId}/${a.resourceId}`).sort());
    // Subnets exactly as model/network plans them, tagged with their tier as the spoke stack tags them.
    for (const sp of lz.network!.spokes) {
      const vpc = net.vpcs!.find((v) => v.tags.Name === sp.account)!;
      expect(vpc.subnets.map((x) => `${x.tags['lzkit:tier']} ${x.availabilityZone}`).sort()).toEqual(sp.subnets.map((p) => `${p.tier} ${p.az}`).sort());
      if (sp.cidr) expect(vpc.subnets.map((x) => x.cidr).sort()).toEqual(sp.subnets.map((p) => p.cidr).sort());
    }
    // Page size 2: a page or more per owner account, never one call per VPC or subnet.
    const pages = (n: number) => Math.max(1, Math.ceil(n / 2));
    const subnetsOf = (o: string) => net.vpcs!.filter((v) => v.ownerId === o).reduce((n, v) => n + v.subnets.length, 0);
    expect(r.stats.byOperation['ec2:DescribeVpcs']).toBe([...owners].reduce((n, o) => n + pages(net.vpcs!.filter((v) => v.ownerId === o).length), 0));
    expect(r.stats.byOperation['ec2:DescribeSubnets']).toBe([...owners].reduce((n, o) => n + pages(subnetsOf(o)), 0));
  });

  it('a spoke account the audit role cannot enter: its VPC read is unauditable, not a network finding', async () => {
    const victim = plain.network!.attachments.find((a) => a.resourceOwnerId !== plain.network!.accountId)!.resourceOwnerId;
    const r = await auditAgainstSandbox({ snapshot: seed, failAccounts: [victim] }, {}, lz);
    expect(r.snapshot.errors.filter((e) => e.api.startsWith('ec2:')).map((e) => [e.api, e.resourceId]).sort()).toEqual([['ec2:DescribeSubnets', victim], ['ec2:DescribeVpcs', victim]]);
    // One owner account unread: the VPC list is not read (a VPC left out would look deleted).
    expect(r.snapshot.network).toMatchObject({ vpcs: notRead(['ec2:DescribeSubnets', 'ec2:DescribeVpcs']) });
    expect(r.findings.filter((f) => f.category.startsWith('tgw-'))).toEqual([]);
    expect(r.findings.some((f) => f.category === 'unauditable' && f.resource.id === victim)).toBe(true);
  });

  it.each(Object.entries(SCENARIO_CATEGORY))('scenario %s is reported as %s', async (scenario, category) => {
    const r = await collect(applyDrift(seed, [scenario]));
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings.map((f) => f.category)).toEqual([category].concat(scenario === 'bucket-public' ? [category] : []));
  });

  // An area is planned while the tree is walked only from accounts that cannot turn out to be
  // other ones: a declared id, or an email (unique to one account:
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create.html).
  // An account matched by name alone is known only once the walk is over; its area is read then.
  it('an area whose account is matched by name only is read after the walk, the same as one matched by email', async () => {
    const s = structuredClone(seed) as Snapshot & { accounts: { name: string; email: string }[] };
    const admin = lz.securityServices!.administratorAccount;
    expect(lz.accounts.get(admin)!.id).toBeUndefined(); // created: matched by email, else by name
    s.accounts.find((a) => a.name === admin)!.email = 'renamed-mailbox@example.com';
    const r = await collect(s);
    expect(r.snapshot.errors).toEqual([]);
    expect(r.snapshot.securityServices).toEqual(seed.securityServices);
    expect(r.findings.filter((f) => f.category.startsWith('security-service'))).toEqual([]);
  });

  it('reports an area it cannot read as unauditable, never as a pass', async () => {
    const s = structuredClone(seed) as Snapshot & { identity: { accountId: string } };
    s.identity.accountId = '000000000001'; // Identity Center answers in another account: AccessDenied
    const r = await collect(s);
    expect(r.findings.some((f) => f.category === 'unauditable' && f.message.includes('sso:'))).toBe(true);
    expect(r.findings.some((f) => f.category.startsWith('permission-set') || f.category.startsWith('assignment'))).toBe(false);
  });
});

type Drift = (s: ReturnType<typeof deployed>) => void;
const DRIFT_CASES: [string, string, Drift][] = [
  ['trail-missing', 'the trail is deleted', (s) => { s.logging!.trails = []; }],
  ['trail-misconfigured', 'log file validation off', (s) => { s.logging!.trails![0].logFileValidationEnabled = false; }],
  ['trail-misconfigured', 'not an organization trail', (s) => { s.logging!.trails![0].isOrganizationTrail = false; }],
  ['trail-misconfigured', 'no KMS', (s) => { delete s.logging!.trails![0].kmsKeyId; }],
  ['log-bucket-misconfigured', 'versioning suspended', (s) => { s.logging!.bucket!.versioning = 'Suspended'; }],
  ['log-bucket-misconfigured', 'key rotation off', (s) => { s.logging!.key!.rotationEnabled = false; }],
  ['log-bucket-misconfigured', 'lifecycle shortened', (s) => { s.logging!.bucket!.lifecycle![0].expirationDays = 30; }],
  ['tgw-missing', 'the hub is deleted', (s) => { s.network!.transitGateways = []; }],
  ['tgw-misconfigured', 'default propagation on', (s) => { s.network!.transitGateways[0].defaultRouteTablePropagation = 'enable'; }],
  ['tgw-share-missing', 'the RAM share is gone', (s) => { s.network!.shares = []; }],
  ['tgw-attachment-missing', 'a spoke attachment is deleted', (s) => {
    const gone = s.network!.attachments.shift()!;
    for (const t of s.network!.routeTables) t.propagations = t.propagations.filter((id) => id !== gone.id);
  }],
  ['tgw-misconfigured', 'a spoke VPC has another CIDR than declared', (s) => {
    const vpc = s.network!.vpcs!.find((v) => lz.network!.spokes.some((sp) => sp.cidr && sp.account === v.tags.Name))!;
    vpc.cidr = '10.99.0.0/16';
  }],
  ['tgw-misconfigured', 'an IPAM spoke VPC got another size', (s) => {
    const vpc = s.network!.vpcs!.find((v) => lz.network!.spokes.some((sp) => !sp.cidr && sp.account === v.tags.Name))!;
    vpc.cidr = vpc.cidr.replace(/\/\d+$/, '/24');
  }],
  ['permission-set-missing', 'a permission set is deleted', (s) => {
    const gone = s.identity!.permissionSets.shift()!;
    s.identity!.assignments = s.identity!.assignments.filter((a) => a.permissionSetArn !== gone.arn);
  }],
  ['permission-set-modified', 'the inline policy is edited', (s) => {
    const ps = s.identity!.permissionSets.find((p) => p.inlinePolicy)!;
    const doc = JSON.parse(ps.inlinePolicy!) as { Statement: unknown[] };
    doc.Statement.push({ Effect: 'Allow', Action: 'iam:*', Resource: '*' });
    ps.inlinePolicy = JSON.stringify(doc);
  }],
  ['permission-set-unmanaged', 'a permission set is created in the console', (s) => {
    s.identity!.permissionSets.push({ arn: `${s.identity!.instanceArn.replace('instance', 'permissionSet')}/ps-console`, name: 'ConsoleAdmin', managedPolicies: [], customerManagedPolicies: [], provisionedAccounts: [] });
  }],
  ['assignment-missing', 'an assignment is deleted', (s) => { s.identity!.assignments.pop(); }],
  ['assignment-unexpected', 'a second group gets an assignment', (s) => {
    const a = s.identity!.assignments[0];
    const other = s.identity!.groups.find((g) => !s.identity!.assignments.some((x) => x.principalId === g.id && x.accountId === a.accountId && x.permissionSetArn === a.permissionSetArn))!;
    s.identity!.assignments.push({ ...a, principalId: other.id });
  }],
];

describe('drift of the logging, network and identity areas (one case per category)', () => {
  it('the perfectly deployed declaration has no drift', () => {
    expect(detectDrift(lz, deployed() as Snapshot)).toEqual([]);
  });

  it.each(DRIFT_CASES)('%s: %s', (category, _what, drift) => {
    const s = deployed();
    drift(s);
    const findings = detectDrift(lz, s as Snapshot);
    expect(findings.map((f) => f.category)).toEqual([category]);
    expect(findings[0].location.file).toMatch(/^accounts\/(logging|network|identity)\.yaml$/);
  });

  it('a snapshot without a declared area is unauditable, not a pass', () => {
    const s = deployed();
    delete s.network;
    const findings = detectDrift(lz, s as Snapshot);
    expect(findings.map((f) => [f.category, f.resource.name])).toEqual([['unauditable', 'network']]);
  });
});
