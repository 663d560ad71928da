import * as fs from 'fs';
import * as path from 'path';
import { copyExample, edit, errorsOf, removeCopies, replaceOnce } from './declaration-copy';

/*
 * AWS's default Organizations quotas, which apply without a request:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 * Since 2026-05-15: 10 SCPs attached per root, OU or account (FullAWSAccess counting) and
 * 10,240 characters per SCP.
 */

const GUARDRAILS = 'accounts/guardrails.yaml';
const ORG = 'accounts/organization.yaml';

afterAll(removeCopies);

/** Writes `count` small SCPs and attaches them to the Suspended OU (which holds quarantine already). */
function attachFillers(dir: string, count: number): void {
  let attachments = '';
  for (let i = 1; i <= count; i++) {
    const id = `filler-${i}`;
    fs.writeFileSync(path.join(dir, 'policies/scp', `${id}.json`), JSON.stringify({
      id, type: 'SCP', description: 'a guardrail that fills a quota', severity: 'low',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sns:CreateTopic', Resource: '*' }] },
    }));
    attachments += `  - policy: ${id}\n    targets: { ous: [Suspended] }\n`;
  }
  edit(dir, GUARDRAILS, replaceOnce('  - policy: quarantine\n    targets: { ous: [Suspended] }\n', `  - policy: quarantine\n    targets: { ous: [Suspended] }\n${attachments}`));
}

describe('AWS default quotas when organization.yaml sets none', () => {
  it('the example declares no quotas of its own', () => {
    expect(fs.readFileSync(path.join(copyExample(), ORG), 'utf8')).not.toMatch(/quotas:/);
  });

  it('9 SCPs + FullAWSAccess on one OU validate', () => {
    const dir = copyExample();
    attachFillers(dir, 8);
    expect(errorsOf(dir)).toEqual([]);
  });

  it('10 SCPs + FullAWSAccess on one OU fail with the quota code', () => {
    const dir = copyExample();
    attachFillers(dir, 9);
    const errors = errorsOf(dir);
    expect(errors.map((e) => e.code)).toEqual(['TOO_MANY_POLICIES']);
    expect(errors[0]).toMatchObject({ file: GUARDRAILS, message: expect.stringMatching(/OU Suspended would have 11 SCPs .*the quota is 10 per target/) });
  });

  it('an SCP of 8,000 characters validates; one over 10,240 does not', () => {
    const dir = copyExample();
    const write = (id: string, length: number) => {
      const statement = (n: number) => ({ Sid: `S${n}`, Effect: 'Deny', Action: 'sns:CreateTopic', Resource: `arn:aws:sns:*:*:t${'x'.repeat(80)}${n}` });
      const statements: unknown[] = [];
      const doc = { Version: '2012-10-17', Statement: statements };
      for (let n = 0; JSON.stringify(doc).length < length; n++) statements.push(statement(n));
      fs.writeFileSync(path.join(dir, 'policies/scp', `${id}.json`), JSON.stringify({ id, type: 'SCP', description: 'large', severity: 'low', document: doc }, null, 2));
      return JSON.stringify(doc).length;
    };
    const size = write('large-scp', 8000);
    expect(size).toBeGreaterThanOrEqual(8000);
    expect(size).toBeLessThan(8200);
    expect(errorsOf(dir)).toEqual([]);
    write('large-scp', 10300);
    expect(errorsOf(dir).map((e) => e.code)).toEqual(['POLICY_TOO_LARGE']);
  });

  it('a quota raised on request is still honoured', () => {
    const dir = copyExample();
    attachFillers(dir, 9);
    edit(dir, ORG, replaceOnce('  stateBackend:\n', '  quotas:\n    scpsPerTarget: 11\n  stateBackend:\n'));
    expect(errorsOf(dir)).toEqual([]);
  });
});
