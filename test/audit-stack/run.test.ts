import { detectDrift } from '../../audits/drift';
import { toAsff } from '../../audits/lambda/aws';
import { fingerprint, LATEST_JSON, publishRun, type ReportStore, type RunEffects } from '../../audits/lambda/run';
import { applyDrift } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import type { Snapshot } from '../../audits/snapshot';
import { exampleLandingZone } from '../audits/fixtures';

const lz = exampleLandingZone();
const clean = snapshotFromDeclaration(lz);

/** The report bucket as a Map, and every message the topic got. */
function effects(exported: unknown[] = []): RunEffects & { objects: Map<string, string>; messages: { subject: string; message: string }[] } {
  const objects = new Map<string, string>();
  const messages: { subject: string; message: string }[] = [];
  const store: ReportStore = {
    get: async (key) => objects.get(key),
    put: async (key, body) => { objects.set(key, body); },
  };
  return { store, objects, messages, notify: async (subject, message) => { messages.push({ subject, message }); }, exportFindings: async (f) => { exported.push(...f); } };
}

const run = (e: RunEffects, snapshot: Snapshot, at: string) => publishRun(lz, snapshot, detectDrift(lz, snapshot), e, new Date(at));

describe('a scheduled run (publishRun)', () => {
  it('writes JSON, SARIF and a human report under the date of the run', async () => {
    const e = effects();
    const out = await run(e, applyDrift(clean, ['root-keys']), '2030-05-17T06:00:09Z');
    expect(out.reports.json).toBe('reports/2030/05/17/060009/drift.json');
    expect(out.reports.sarif).toBe('reports/2030/05/17/060009/drift.sarif');
    expect(Object.keys(out.reports)).toHaveLength(3);
    expect(JSON.parse(e.objects.get(out.reports.sarif)!)).toMatchObject({ version: '2.1.0' });
    expect(JSON.parse(e.objects.get(LATEST_JSON)!).findings.length).toBe(out.findings);
  });

  it('notifies only when the findings change from the previous run', async () => {
    const e = effects();
    const drifted = applyDrift(clean, ['root-keys']);
    expect((await run(e, clean, '2030-05-15T06:00:00Z')).changed).toBe(false); // first run, no drift: nothing to say
    expect((await run(e, drifted, '2030-05-16T06:00:00Z')).changed).toBe(true);
    expect((await run(e, drifted, '2030-05-17T06:00:00Z')).changed).toBe(false); // same drift again: quiet
    expect((await run(e, applyDrift(clean, ['root-keys', 'scp-detached']), '2030-05-18T06:00:00Z')).changed).toBe(true);
    expect((await run(e, clean, '2030-05-19T06:00:00Z')).changed).toBe(true); // drift cleared: say so
    expect(e.messages.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^lzkit drift: \d+ finding\(s\) in o-/), expect.stringMatching(/^lzkit drift: \d+ finding/), expect.stringMatching(/^lzkit drift cleared/),
    ]);
    expect(e.messages[0].message).toMatch(/root-access-keys-present/);
  });

  it('exports findings to Security Hub when an exporter is given', async () => {
    const exported: unknown[] = [];
    const out = await run(effects(exported), applyDrift(clean, ['root-keys']), '2030-05-17T06:00:00Z');
    expect(exported).toHaveLength(out.findings);
  });

  it('fingerprints findings without the time of the run', () => {
    const a = JSON.stringify({ generatedAt: '1', findings: [{ id: 'b', actual: 1 }, { id: 'a', actual: 2 }] });
    const b = JSON.stringify({ generatedAt: '2', findings: [{ id: 'a', actual: 2 }, { id: 'b', actual: 1 }] });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(JSON.stringify({ findings: [{ id: 'a', actual: 3 }, { id: 'b', actual: 1 }] })));
  });

  it('maps a finding to ASFF in the account it is about', () => {
    const snapshot = applyDrift(clean, ['root-keys']);
    const f = detectDrift(lz, snapshot).find((x) => x.category === 'root-access-keys-present')!;
    const asff = toAsff(f, snapshot, { region: 'us-east-1', productAccountId: '333333333333', now: '2030-01-01T00:00:00Z' });
    expect(asff).toMatchObject({
      SchemaVersion: '2018-10-08', ProductArn: 'arn:aws:securityhub:us-east-1:333333333333:product/333333333333/default',
      Severity: { Label: 'CRITICAL' }, GeneratorId: 'lzkit-drift/root-access-keys-present',
    });
    expect(asff.AwsAccountId).toMatch(/^\d{12}$/);
  });
});
