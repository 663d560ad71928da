import { loadLandingZone, expandTargets } from '../../model';
import { accountAssignments, parseIsoDuration } from '../../model/identity';
import { EXAMPLE_IDENTITY, ROOT_DIR, lineOf, loadEdited } from './fixture';

const replace = (from: string, to: string) => (y: string): string => {
  if (!y.includes(from)) throw new Error(`fixture: '${from}' not in identity.yaml`);
  return y.replace(from, to);
};

describe('the example identity declaration', () => {
  const r = loadLandingZone(ROOT_DIR);
  const lz = r.model!;
  const identity = lz.identity!;

  it('loads without errors or warnings about identity', () => {
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => w.file === 'accounts/identity.yaml')).toEqual([]);
  });

  it('declares administrator, read-only, developer, security-audit and billing permission sets', () => {
    expect([...identity.permissionSets.keys()].sort()).toEqual(['Administrator', 'Billing', 'Developer', 'ReadOnly', 'SecurityAudit']);
    expect(identity.permissionSets.get('ReadOnly')!.awsManagedPolicies).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(identity.permissionSets.get('Developer')!.inlinePolicy!.file).toBe('policies/permission-sets/developer.json');
  });

  it('expands OU targets to every account below them, children included', () => {
    const support = identity.assignments.find((a) => a.principal.name === 'AWS-Production-Support')!;
    expect([...support.accounts].sort()).toEqual(['network', 'nonprod-payments', 'nonprod-web', 'prod-data', 'prod-payments', 'prod-web', 'shared-services']);
    const admins = identity.assignments.find((a) => a.permissionSet === 'Administrator')!;
    expect(admins.accounts).not.toContain('retired-legacy');
    expect(admins.accounts).toContain('management');
  });

  it('yields one account assignment per (principal, permission set, account), at least six', () => {
    const expected = new Set(identity.assignments.flatMap((a) => expandTargets(lz, a.targets)
      .filter((acc) => a.allowManagementAccount || !acc.isManagement)
      .map((acc) => `${a.principal.name}|${a.permissionSet}|${acc.name}`)));
    const flat = accountAssignments(identity);
    expect(flat.length).toBe(expected.size);
    expect(flat.length).toBeGreaterThanOrEqual(6);
  });
});

describe('the management account', () => {
  const targetsRoot = replace('targets: { ous: [Workloads/Prod] }', 'targets: { ous: [Root] }');

  it('is left out of a target that reaches it without allowManagementAccount, with a warning', () => {
    const r = loadEdited({ identity: targetsRoot });
    expect(r.errors).toEqual([]);
    const a = r.model!.identity!.assignments.find((x) => x.permissionSet === 'ReadOnly' && x.principal.name === 'AWS-Developers')!;
    expect(a.accounts).not.toContain('management');
    expect(a.accounts).toContain('prod-payments');
    const w = r.warnings.find((x) => x.code === 'MANAGEMENT_ACCOUNT_SKIPPED')!;
    expect(w.file).toBe('accounts/identity.yaml');
    expect(w.line).toBe(lineOf(targetsRoot(EXAMPLE_IDENTITY), 'targets: { ous: [Root] }\n\n  - group: AWS-Production-Support'));
  });

  it('is assigned when the assignment says allowManagementAccount: true', () => {
    const r = loadEdited({ identity: (y) => targetsRoot(y).replace('targets: { ous: [Root] }\n', 'targets: { ous: [Root] }\n    allowManagementAccount: true\n') });
    const a = r.model!.identity!.assignments.find((x) => x.permissionSet === 'ReadOnly' && x.principal.name === 'AWS-Developers')!;
    expect(a.accounts).toContain('management');
    expect(r.warnings.filter((x) => x.code === 'MANAGEMENT_ACCOUNT_SKIPPED')).toEqual([]);
  });
});

describe('bad input is named with a code and its line', () => {
  const cases: { name: string; edit: (y: string) => string; code: string; at: string; files?: Record<string, string> }[] = [
    { name: 'unknown group', edit: replace('- group: AWS-Finance', '- group: AWS-Finanse'), code: 'UNKNOWN_GROUP', at: 'group: AWS-Finanse' },
    { name: 'unknown permission set', edit: replace('permissionSet: Billing', 'permissionSet: Billling'), code: 'UNKNOWN_PERMISSION_SET', at: 'permissionSet: Billling' },
    { name: 'unknown account', edit: replace('accounts: [management]', 'accounts: [managment]'), code: 'UNKNOWN_ACCOUNT', at: 'managment]' },
    { name: 'session over PT12H', edit: replace('sessionDuration: PT8H', 'sessionDuration: PT13H'), code: 'SESSION_DURATION_TOO_LONG', at: 'PT13H' },
    { name: 'malformed session', edit: replace('sessionDuration: PT8H', 'sessionDuration: 8 hours'), code: 'SESSION_DURATION_INVALID', at: '8 hours' },
    { name: 'session under PT1H', edit: replace('sessionDuration: PT8H', 'sessionDuration: PT30M'), code: 'SESSION_DURATION_TOO_SHORT', at: 'PT30M' },
    { name: 'duplicate permission set', edit: replace('  - name: Billing\n', '  - name: ReadOnly\n'), code: 'DUPLICATE_PERMISSION_SET', at: '- name: ReadOnly\n    description: Finance' },
    { name: 'missing inline policy file', edit: replace('inlinePolicy: developer.json', 'inlinePolicy: developr.json'), code: 'POLICY_FILE_MISSING', at: 'developr.json' },
    { name: 'delegated admin not declared for sso', edit: replace('administrator: management', 'administrator: audit'), code: 'DELEGATED_ADMIN_MISSING', at: 'audit  ' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = loadEdited({ identity: c.edit, files: c.files });
      const e = r.errors.find((x) => x.code === c.code);
      expect(e).toBeDefined();
      expect(e!.file).toBe('accounts/identity.yaml');
      expect(e!.line).toBe(lineOf(c.edit(EXAMPLE_IDENTITY), c.at));
      expect(r.model).toBeUndefined();
    });
  }

  it('an inline policy that is not JSON, at its line in the policy file', () => {
    const r = loadEdited({ files: { 'policies/permission-sets/developer.json': '{\n  "Version": "2012-10-17",\n  "Statement": [],\n}\n' } });
    const e = r.errors.find((x) => x.code === 'POLICY_NOT_JSON')!;
    expect(e.file).toBe('policies/permission-sets/developer.json');
    expect(e.line).toBe(4);
  });

  it('an inline policy naming an action that does not exist', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjekt', 'ec2:Descrbe*'], Resource: '*' }] };
    const r = loadEdited({ files: { 'policies/permission-sets/developer.json': JSON.stringify(doc, null, 2) } });
    const errs = r.errors.filter((x) => x.code === 'UNKNOWN_ACTION');
    expect(errs.map((e) => e.message.split(':')[0] + ':' + e.message.split(':')[1])).toEqual(["action 's3:GetObjekt'", "action 'ec2:Descrbe*'"]);
    expect(errs[0].file).toBe('policies/permission-sets/developer.json');
    expect(errs[0].line).toBe(8);
  });

  it('an inline policy that is not an identity policy (a Principal), at the statement', () => {
    const doc = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}\n';
    const e = loadEdited({ files: { 'policies/permission-sets/developer.json': doc } }).errors.find((x) => x.code === 'POLICY_GRAMMAR')!;
    expect(e.file).toBe('policies/permission-sets/developer.json');
    expect(e.line).toBe(4);
  });

  it('an inline policy over the 10,240 non-whitespace character quota', () => {
    const resources = Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`);
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] };
    expect(JSON.stringify(doc).length).toBeGreaterThan(10_240);
    const r = loadEdited({ files: { 'policies/permission-sets/developer.json': JSON.stringify(doc) } });
    const e = r.errors.find((x) => x.code === 'INLINE_POLICY_TOO_LARGE')!;
    expect(e.line).toBe(lineOf(EXAMPLE_IDENTITY, 'inlinePolicy: developer.json'));
  });

  it('a document just under the quota is accepted', () => {
    const resources = Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`);
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] };
    expect(JSON.stringify(doc).length).toBeLessThan(10_240);
    expect(loadEdited({ files: { 'policies/permission-sets/developer.json': JSON.stringify(doc) } }).errors).toEqual([]);
  });
});

describe('parseIsoDuration', () => {
  it.each([['PT8H', 28800], ['PT1H30M', 5400], ['PT3600S', 3600], ['PT12H', 43200]])('%s is %d seconds', (text, seconds) => {
    expect(parseIsoDuration(text)).toEqual({ ok: true, seconds });
  });
  it.each(['P1D', 'PT', '8H', 'PT1.5H', 'pt8h'])('%s is malformed', (text) => {
    expect(parseIsoDuration(text).ok).toBe(false);
  });
});
