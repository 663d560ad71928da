import { collectSnapshot, type CollectOptions } from '../../audits/collect';
import { detectDrift } from '../../audits/drift';
import { accountsToCollect, collectBatch, collectInBatches, collectOrganization, mergeSnapshots, splitIntoBatches } from '../../audits/fanout';
import { applyDrift, startSandbox, type Sandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { exampleLandingZone, got, memberInOu, STATIC_CREDENTIALS } from '../audits/fixtures';

const lz = exampleLandingZone();

describe('splitIntoBatches', () => {
  it('keeps every item once, in order, in batches of at most the size', () => {
    const items = Array.from({ length: 11 }, (_, i) => `a${i}`);
    const batches = splitIntoBatches(items, 4);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 3]);
    expect(batches.flat()).toEqual(items);
    expect(splitIntoBatches([], 4)).toEqual([]);
    expect(() => splitIntoBatches(items, 0)).toThrow(/positive integer/);
  });
});

describe('the fan-out against the sandbox (real SDK clients over loopback)', () => {
  const seed = applyDrift(snapshotFromDeclaration(lz), ['root-keys', 'scp-detached']);
  let sandbox: Sandbox;
  let options: CollectOptions;
  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot: seed, pageSize: 3 });
    options = { region: 'us-east-1', endpoint: sandbox.endpoint, credentials: STATIC_CREDENTIALS, auditRoleName: lz.organization.roles.audit };
  });
  afterAll(() => sandbox.stop());

  it('the organization read enters no account', async () => {
    const before = sandbox.stats().byOperation['sts:AssumeRole'] ?? 0;
    const org = await collectOrganization(options);
    expect(org.accountStates).toEqual({});
    expect(got(org.accounts).length).toBe(got(seed.accounts).length);
    expect(sandbox.stats().byOperation['sts:AssumeRole'] ?? 0).toBe(before);
  });

  it('a batch enters exactly its accounts', async () => {
    const org = await collectOrganization(options);
    const batch = accountsToCollect(org).slice(0, 3);
    expect(Object.keys((await collectBatch(options, batch)).accountStates).sort()).toEqual(batch);
  });

  it('batches of 3 merge into the snapshot one run collects, with the same drift found', async () => {
    const whole = (await collectSnapshot(options)).snapshot;
    const { snapshot, batches } = await collectInBatches(options, 3);
    expect(batches).toBe(Math.ceil(accountsToCollect(whole).length / 3));
    expect(snapshot.accountStates).toEqual(whole.accountStates);
    expect(snapshot.errors).toEqual(whole.errors);
    expect({ ...snapshot, collectedAt: '' }).toEqual({ ...whole, collectedAt: '' });
    const findings = detectDrift(lz, snapshot);
    expect(findings.map((f) => f.category).sort()).toEqual(expect.arrayContaining(['policy-detached', 'root-access-keys-present']));
    expect(findings).toEqual(detectDrift(lz, whole));
  });

  it('reports the accounts of a lost batch as unauditable, never as compliant', async () => {
    const org = await collectOrganization(options);
    const [first, ...rest] = splitIntoBatches(accountsToCollect(org), 4);
    const parts = await Promise.all(rest.map((b) => collectBatch(options, b)));
    const merged = mergeSnapshots(org, parts); // the first batch never reported
    expect(merged.errors.filter((e) => e.code === 'BatchMissing').map((e) => e.resourceId).sort()).toEqual([...first].sort());
    const unauditable = detectDrift(lz, merged).filter((f) => f.category === 'unauditable');
    expect(unauditable.length).toBeGreaterThanOrEqual(first.length);
  });
});

describe('the fan-out with an account whose audit role cannot be assumed', () => {
  it('keeps the batch error for that account', async () => {
    const seed = snapshotFromDeclaration(lz);
    const denied = memberInOu(seed).id;
    const sandbox = await startSandbox({ snapshot: seed, failAccounts: [denied] });
    try {
      const { snapshot } = await collectInBatches({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: STATIC_CREDENTIALS, auditRoleName: lz.organization.roles.audit }, 5);
      expect(snapshot.errors).toEqual([expect.objectContaining({ scope: 'account', resourceId: denied, api: 'sts:AssumeRole' })]);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('entering member accounts with other credentials than the organization read (entryCredentials)', () => {
  it('signs every AssumeRole with the entry credentials, and only those', async () => {
    const seed = snapshotFromDeclaration(lz);
    const sandbox = await startSandbox({ snapshot: seed });
    let entries = 0;
    const entry = async () => { entries++; return { accessKeyId: 'AKIDLZKITFUNCTION', secretAccessKey: 'not-a-secret' }; };
    try {
      const base = { region: 'us-east-1', endpoint: sandbox.endpoint, credentials: STATIC_CREDENTIALS, auditRoleName: lz.organization.roles.audit };
      const { snapshot } = await collectSnapshot({ ...base, entryCredentials: entry });
      expect(snapshot.errors).toEqual([]);
      expect(Object.keys(snapshot.accountStates)).toHaveLength(accountsToCollect(snapshot).length);
      expect(entries).toBeGreaterThan(0);
      const before = entries;
      await collectSnapshot(base);
      expect(entries).toBe(before); // without the option the caller enters, as `lzkit audit` does
    } finally {
      await sandbox.stop();
    }
  });
});
