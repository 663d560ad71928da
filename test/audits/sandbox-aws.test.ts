import { DescribeTransitGatewaysCommand, EC2Client, type Filter } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { applyDrift, startSandbox, type Sandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import type { Snapshot } from '../../audits/snapshot';
import { asRead, auditAgainstSandbox, exampleLandingZone, got, memberInOu, STATIC_CREDENTIALS } from './fixtures';

const lz = exampleLandingZone();
const seed = snapshotFromDeclaration(lz);
const auth = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIDRAW/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

/** Runs `body` against a sandbox serving `snapshot`, then stops it. */
async function withSandbox<T>(snapshot: Snapshot, body: (sb: Sandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox({ snapshot });
  try {
    return await body(sb);
  } finally {
    await sb.stop();
  }
}

describe('accounts as Organizations serves them after the retirement of Status', () => {
  it('ListAccountsForParent answers State and Paths, never Status; Paths has the entity-path shape AWS documents', async () => {
    const s = asRead(seed);
    const ou = s.accounts.find((a) => a.parentId !== s.root.id)!.parentId;
    const body = await withSandbox(seed, async (sb) => (await (await fetch(sb.endpoint, {
      method: 'POST', headers: { authorization: auth('organizations'), 'x-amz-target': 'AWSOrganizationsV20161128.ListAccountsForParent', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ ParentId: ou }),
    })).json()) as { Accounts: Record<string, unknown>[] });
    expect(body.Accounts.length).toBeGreaterThan(0);
    for (const a of body.Accounts) {
      expect(a).not.toHaveProperty('Status');
      expect(a.State).toBe('ACTIVE');
      // The pattern of Account.Paths in AWS's CloudFormation resource schema of AWS::Organizations::Account;
      // the API reference's DescribeAccount example answers "o-exampleorgid/r-examplerootid111/555555555555/".
      for (const p of a.Paths as string[]) expect(p).toMatch(/^(o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}(\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})*(\/\d{12})*)\/$/);
      expect((a.Paths as string[])[0]).toBe(`${s.organization.id}/${s.root.id}/${ou}/${a.Id}/`);
    }
  });

  it('account-suspended: the audit reads SUSPENDED from State and reports account-not-active, and nothing it cannot enter', async () => {
    const drifted = applyDrift(seed, ['account-suspended']);
    const victim = asRead(drifted).accounts.find((a) => a.state === 'SUSPENDED')!;
    const r = await auditAgainstSandbox({ snapshot: drifted });
    expect(got(r.snapshot.accounts).find((a) => a.id === victim.id)?.state).toBe('SUSPENDED');
    expect(r.findings.map((f) => [f.category, f.resource.id, f.actual])).toEqual([['account-not-active', victim.id, 'SUSPENDED']]);
  });
});

describe('STS as the audit meets it', () => {
  const sts = (sb: Sandbox, credentials = STATIC_CREDENTIALS) => new STSClient({ region: 'us-east-1', endpoint: sb.endpoint, credentials, maxAttempts: 1 });
  const roleArn = (account: string) => `arn:aws:iam::${account}:role/${lz.organization.roles.audit}`;

  it('GetCallerIdentity of an assumed-role session returns the assumed-role ARN (its doc comment example: arn:aws:sts::<account>:assumed-role/<role>/<session>)', async () => {
    const member = memberInOu(seed).id;
    await withSandbox(seed, async (sb) => {
      const caller = sts(sb);
      const own = await caller.send(new GetCallerIdentityCommand({}));
      expect(own.Account).toBe(seed.organization.managementAccountId);
      const c = (await caller.send(new AssumeRoleCommand({ RoleArn: roleArn(member), RoleSessionName: 'lzkit-audit' }))).Credentials!;
      const session = sts(sb, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken } as typeof STATIC_CREDENTIALS);
      const who = await session.send(new GetCallerIdentityCommand({}));
      expect(who).toMatchObject({ Account: member, Arn: `arn:aws:sts::${member}:assumed-role/${lz.organization.roles.audit}/lzkit-audit`, UserId: expect.stringMatching(/:lzkit-audit$/) });
      caller.destroy();
      session.destroy();
    });
  });

  it.each([
    [899, /greater than or equal to 900/],
    [43201, /less than or equal to 43200/],
    [7200, /exceeds the MaxSessionDuration set for this role/],
  ])('AssumeRole refuses DurationSeconds %d (900..43200, and the role\'s maximum)', async (duration, message) => {
    await withSandbox(seed, async (sb) => {
      const client = sts(sb);
      await expect(client.send(new AssumeRoleCommand({ RoleArn: roleArn(memberInOu(seed).id), RoleSessionName: 's', DurationSeconds: duration })))
        .rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(message) });
      await expect(client.send(new AssumeRoleCommand({ RoleArn: roleArn(memberInOu(seed).id), RoleSessionName: 's', DurationSeconds: 900 }))).resolves.toBeDefined();
      client.destroy();
    });
  });
});

describe('DescribeTransitGateways honours TransitGatewayIds and Filters', () => {
  const s = structuredClone(asRead(seed));
  const hub = s.network!;
  hub.accountId = s.organization.managementAccountId; // the hub answers its own account: the caller's here
  const [first] = hub.transitGateways;
  hub.transitGateways.push({ ...first, id: 'tgw-0000000000000000b', arn: `${first.arn}b`, state: 'pending', autoAcceptSharedAttachments: 'enable', tags: { Name: 'other', team: 'b' } });
  const describe_ = async (input: { TransitGatewayIds?: string[]; Filters?: Filter[] }) => withSandbox(s as unknown as Snapshot, async (sb) => {
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: sb.endpoint, credentials: STATIC_CREDENTIALS, maxAttempts: 1 });
    try {
      return (await ec2.send(new DescribeTransitGatewaysCommand(input))).TransitGateways!.map((g) => g.TransitGatewayId);
    } finally {
      ec2.destroy();
    }
  });

  it('selects by id, by state, by tag, by option, by tag key with a wildcard; every filter must match', async () => {
    expect(await describe_({})).toEqual([first.id, 'tgw-0000000000000000b']);
    expect(await describe_({ TransitGatewayIds: ['tgw-0000000000000000b'] })).toEqual(['tgw-0000000000000000b']);
    expect(await describe_({ Filters: [{ Name: 'state', Values: ['available'] }] })).toEqual([first.id]);
    expect(await describe_({ Filters: [{ Name: 'tag:Name', Values: ['oth*'] }] })).toEqual(['tgw-0000000000000000b']);
    expect(await describe_({ Filters: [{ Name: 'options.auto-accept-shared-attachments', Values: ['disable'] }] })).toEqual([first.id]);
    expect(await describe_({ Filters: [{ Name: 'tag-key', Values: ['te?m'] }] })).toEqual(['tgw-0000000000000000b']);
    expect(await describe_({ Filters: [{ Name: 'state', Values: ['available', 'pending'] }, { Name: 'owner-id', Values: [first.ownerId] }, { Name: 'tag:team', Values: ['b'] }] }))
      .toEqual(['tgw-0000000000000000b']);
  });

  it('refuses an id it does not hold and a filter it does not know, as EC2 does', async () => {
    await expect(describe_({ TransitGatewayIds: ['tgw-00000000000000999'] })).rejects.toMatchObject({ name: 'InvalidTransitGatewayID.NotFound' });
    await expect(describe_({ Filters: [{ Name: 'colour', Values: ['red'] }] })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('pagination with one item per page (AWS may serve that)', () => {
  it('a clean organization audits clean: every call chain keeps its own NextToken', async () => {
    const r = await auditAgainstSandbox({ snapshot: seed, pageSize: 1 }, { concurrency: 1 });
    expect(r.snapshot.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.snapshot.identity).toEqual(seed.identity);
  });
});
