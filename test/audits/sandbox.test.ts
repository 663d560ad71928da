import { applyDrift, DRIFT_SCENARIOS, startSandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { parseSnapshot, SnapshotError } from '../../audits/snapshot';
import { exampleLandingZone, got } from './fixtures';

const seed = snapshotFromDeclaration(exampleLandingZone());
const auth = (service: string, key = 'AKIDRAW') => `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

describe('sandbox wire protocols', () => {
  it('throttles exactly as AWS does: JSON __type for Organizations, query XML Throttling for STS/IAM, both HTTP 400', async () => {
    const sb = await startSandbox({ snapshot: seed, tps: 1 });
    try {
      const org = () => fetch(sb.endpoint, { method: 'POST', headers: { authorization: auth('organizations'), 'x-amz-target': 'AWSOrganizationsV20161128.ListRoots', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
      expect((await org()).status).toBe(200);
      const throttled = await org();
      expect(throttled.status).toBe(400);
      expect(await throttled.json()).toMatchObject({ __type: 'TooManyRequestsException' });
      const iam = () => fetch(sb.endpoint, { method: 'POST', headers: { authorization: auth('iam'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetAccountSummary&Version=2010-05-08' });
      expect((await iam()).status).toBe(200);
      const q = await iam();
      expect(q.status).toBe(400);
      expect(await q.text()).toMatch(/^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>Throttling<\/Code>/);
      expect(sb.stats().throttled).toBe(2);
    } finally {
      await sb.stop();
    }
  });

  it('answers IAM for the account whose role credentials signed the call', async () => {
    const s = applyDrift(seed, ['root-keys']);
    const drifted = got(s.accounts).find((a) => got(got(s.accountStates[a.id]).iam.summary).accountAccessKeysPresent)!;
    const sb = await startSandbox({ snapshot: s });
    try {
      const assumed = await fetch(sb.endpoint, { method: 'POST', headers: { authorization: auth('sts'), 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=AssumeRole&RoleArn=${encodeURIComponent(`arn:aws:iam::${drifted.id}:role/Audit`)}&RoleSessionName=t` });
      const key = /<AccessKeyId>([^<]+)</.exec(await assumed.text())![1];
      const summary = (k: string) => fetch(sb.endpoint, { method: 'POST', headers: { authorization: auth('iam', k) }, body: 'Action=GetAccountSummary' }).then((r) => r.text());
      expect(await summary(key)).toContain('<key>AccountAccessKeysPresent</key><value>1</value>');
      expect(await summary('AKIDMANAGEMENT')).toContain('<key>AccountAccessKeysPresent</key><value>0</value>');
    } finally {
      await sb.stop();
    }
  });

  it('knows every scenario the issue names, and refuses an unknown one', () => {
    for (const name of ['scp-detached', 'scp-edited', 'account-moved', 'unmanaged-account', 'ou-deleted', 'trusted-access-disabled', 'root-keys']) {
      expect(DRIFT_SCENARIOS.has(name)).toBe(true);
    }
    expect(() => applyDrift(seed, ['nope'])).toThrow(/unknown drift scenario 'nope'/);
  });

  it('gives accounts the declaration creates the same fake id on every run', () => {
    expect(got(snapshotFromDeclaration(exampleLandingZone()).accounts).map((a) => a.id)).toEqual(got(seed.accounts).map((a) => a.id));
    expect(new Set(got(seed.accounts).map((a) => a.id)).size).toBe(got(seed.accounts).length);
  });
});

describe('snapshot files', () => {
  it('round-trip through JSON', () => {
    expect(parseSnapshot(JSON.stringify(seed))).toEqual(seed);
  });
  it.each([['not json', 'not valid JSON'], ['[]', 'expected a JSON object'], ['{"schemaVersion":3}', 'schemaVersion 3']])('refuses %s', (text, message) => {
    expect(() => parseSnapshot(text)).toThrow(SnapshotError);
    expect(() => parseSnapshot(text)).toThrow(message);
  });
});
