import * as fs from 'fs';
import * as path from 'path';
import { at, copyExample, edit, errorsOf, lineOf, removeCopies, replaceOnce } from './declaration-copy';

/**
 * One test per bad input issue 2 lists: each copies the example, breaks one thing, and asserts
 * the stable code and the file:line the error names.
 */
const ACCOUNTS = 'accounts/accounts.yaml';
const ORG = 'accounts/organization.yaml';
const GUARDRAILS = 'accounts/guardrails.yaml';

afterAll(removeCopies);

describe('a copy of the example declaration', () => {
  it('is valid before any edit (so each test below sees only its own error)', () => {
    expect(errorsOf(copyExample())).toEqual([]);
  });
});

describe('bad declaration input is named with code and file:line', () => {
  it('invalid YAML', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('    email: aws-audit@example.com', '    email: aws-audit@example.com: oops'));
    expect(errorsOf(dir)).toContainEqual(at('YAML_SYNTAX', ACCOUNTS, lineOf(dir, ACCOUNTS, 'aws-audit@example.com: oops')));
  });

  it('unknown key', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('    email: aws-network@example.com\n', '    email: aws-network@example.com\n    colour: blue\n'));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('UNKNOWN_KEY', ACCOUNTS, lineOf(dir, ACCOUNTS, 'colour: blue')));
    expect(errors.find((e) => e.code === 'UNKNOWN_KEY')?.message).toContain("'colour'");
  });

  it('missing required field', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('    email: aws-shared-services@example.com\n', ''));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('MISSING_FIELD', ACCOUNTS, lineOf(dir, ACCOUNTS, 'name: shared-services')));
    expect(errors.find((e) => e.code === 'MISSING_FIELD')?.message).toContain("'email'");
  });

  it('duplicate account name', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('  - name: prod-data\n', '  - name: prod-web\n'));
    expect(errorsOf(dir)).toContainEqual(at('DUPLICATE_ACCOUNT_NAME', ACCOUNTS, lineOf(dir, ACCOUNTS, 'name: prod-web', 2)));
  });

  it('duplicate email', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('email: aws-prod-data@example.com', 'email: AWS-Prod-Web@example.com'));
    expect(errorsOf(dir)).toContainEqual(at('DUPLICATE_EMAIL', ACCOUNTS, lineOf(dir, ACCOUNTS, 'AWS-Prod-Web@example.com')));
  });

  it('malformed email', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('email: aws-nonprod-web@example.com', 'email: aws-nonprod-web.example.com'));
    expect(errorsOf(dir)).toContainEqual(at('INVALID_FORMAT', ACCOUNTS, lineOf(dir, ACCOUNTS, 'aws-nonprod-web.example.com')));
  });

  it('malformed account id', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('id: "444444444444"', 'id: "44444444444"'));
    expect(errorsOf(dir)).toContainEqual(at('INVALID_FORMAT', ACCOUNTS, lineOf(dir, ACCOUNTS, '"44444444444"')));
  });

  it('OU referenced but not declared (by an account and by an attachment)', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('    ou: Sandbox\n', '    ou: Sandboxes\n'));
    edit(dir, GUARDRAILS, replaceOnce('targets: { ous: [Suspended] }', 'targets: { ous: [Retired] }'));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('UNKNOWN_OU', ACCOUNTS, lineOf(dir, ACCOUNTS, 'ou: Sandboxes')));
    expect(errors).toContainEqual(at('UNKNOWN_OU', GUARDRAILS, lineOf(dir, GUARDRAILS, 'ous: [Retired]')));
    expect(errors.find((e) => e.file === ACCOUNTS && e.code === 'UNKNOWN_OU')?.message).toContain("did you mean 'Sandbox'");
  });

  it('OU nesting deeper than 5', () => {
    const dir = copyExample();
    const deep = [
      '      - name: NonProd',
      '        children:',
      '          - name: L3',
      '            children:',
      '              - name: L4',
      '                children:',
      '                  - name: L5',
      '                    children:',
      '                      - name: L6',
    ].join('\n');
    edit(dir, ORG, replaceOnce('      - name: NonProd', deep));
    expect(errorsOf(dir)).toContainEqual(at('OU_TOO_DEEP', ORG, lineOf(dir, ORG, 'name: L6')));
    // Five levels stay allowed.
    expect(errorsOf(dir).filter((e) => e.code === 'OU_TOO_DEEP')).toHaveLength(1);
  });

  it('policy file missing: an attachment names a policy that does not exist', () => {
    const dir = copyExample();
    edit(dir, GUARDRAILS, replaceOnce('  - policy: sandbox-limits\n', '  - policy: sandbox-limit\n'));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('POLICY_FILE_MISSING', GUARDRAILS, lineOf(dir, GUARDRAILS, 'policy: sandbox-limit')));
    expect(errors.find((e) => e.code === 'POLICY_FILE_MISSING')?.message).toContain("did you mean 'sandbox-limits'");
  });

  it('policy file missing: the file of an attached policy was deleted', () => {
    const dir = copyExample();
    fs.rmSync(path.join(dir, 'policies/scp/quarantine.json'));
    expect(errorsOf(dir)).toContainEqual(at('POLICY_FILE_MISSING', GUARDRAILS, lineOf(dir, GUARDRAILS, 'policy: quarantine')));
  });

  it('policy not JSON', () => {
    const dir = copyExample();
    const file = 'policies/scp/deny-root-user.json';
    edit(dir, file, replaceOnce('"Effect": "Deny",', '"Effect": "Deny"'));
    expect(errorsOf(dir)).toContainEqual(at('POLICY_NOT_JSON', file, lineOf(dir, file, '"Action": "*"')));
  });

  it('policy not JSON where Node names no position (a bare word): the line of the bad token', () => {
    const dir = copyExample();
    const file = 'policies/scp/deny-root-user.json';
    edit(dir, file, replaceOnce('"Effect": "Deny",', '"Effect": Deny,'));
    expect(errorsOf(dir)).toContainEqual(at('POLICY_NOT_JSON', file, lineOf(dir, file, '"Effect": Deny')));
  });

  it('unknown IAM action', () => {
    const dir = copyExample();
    const file = 'policies/scp/deny-iam-users-and-access-keys.json';
    edit(dir, file, replaceOnce('"iam:CreateAccessKey"', '"iam:CreateAccesKey"'));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('UNKNOWN_ACTION', file, lineOf(dir, file, 'iam:CreateAccesKey')));
    expect(errors.find((e) => e.code === 'UNKNOWN_ACTION')?.message).toContain('iam:CreateAccessKey');
  });

  it('SCP over the size quota', () => {
    const dir = copyExample();
    const file = 'policies/scp/deny-root-user.json';
    const arns = Array.from({ length: 240 }, (_, i) => `"arn:aws:s3:::a-rather-long-bucket-name-number-${i}"`).join(', ');
    edit(dir, file, replaceOnce('"Resource": "*"', `"Resource": [${arns}]`));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('POLICY_TOO_LARGE', file, lineOf(dir, file, '"document"')));
    // AWS's default SCP size: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
    expect(errors.find((e) => e.code === 'POLICY_TOO_LARGE')?.message).toMatch(/is \d+ characters .* quota is 10240/);
  });

  it('SCP over a lowered size quota in organization.yaml', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('  stateBackend:\n', '  quotas:\n    scpCharacters: 2000\n  stateBackend:\n'));
    const file = 'policies/scp/protect-security-services.json';
    const tooLarge = errorsOf(dir).filter((e) => e.code === 'POLICY_TOO_LARGE');
    expect(tooLarge).toContainEqual(at('POLICY_TOO_LARGE', file, lineOf(dir, file, '"document"')));
  });

  it('too many SCPs on one target', () => {
    const dir = copyExample();
    // Root holds 4 SCPs + FullAWSAccess: six more of lzkit's SCPs make 11, one over AWS's 10.
    edit(dir, GUARDRAILS, replaceOnce('  - policy: sandbox-limits\n    targets: { ous: [Sandbox] }', '  - policy: sandbox-limits\n    targets: { ous: [Sandbox, Root] }'));
    for (const id of ['protect-flow-logs', 'protect-network-baseline', 'quarantine', 'deny-external-ram-sharing', 'protect-log-archive']) {
      edit(dir, GUARDRAILS, (t) => `${t.replace('\nlockout:', `\n  - policy: ${id}\n    targets: { ous: [Root] }\nlockout:`)}`);
    }
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'TOO_MANY_POLICIES', file: GUARDRAILS }));
    expect(errors.find((e) => e.code === 'TOO_MANY_POLICIES')?.message).toContain('OU Root would have 11 SCPs');
  });

  it('unbound parameter', () => {
    const dir = copyExample();
    const file = 'policies/scp/quarantine.json';
    edit(dir, file, replaceOnce('"Resource": "*"', '"Resource": "${quarantineScope}"'));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('UNBOUND_PARAMETER', file, lineOf(dir, file, '${quarantineScope}')));
    expect(errors.find((e) => e.code === 'UNBOUND_PARAMETER')?.message).toContain("'quarantineScope'");
  });

  it('RCP with Allow', () => {
    const dir = copyExample();
    const file = 'policies/rcp/rcp-enforce-tls.json';
    edit(dir, file, replaceOnce('"Effect": "Deny"', '"Effect": "Allow"'));
    expect(errorsOf(dir)).toContainEqual(at('RCP_ALLOW', file, lineOf(dir, file, '"Effect": "Allow"')));
  });

  it('RCP with a principal other than "*"', () => {
    const dir = copyExample();
    const file = 'policies/rcp/rcp-confused-deputy-protection.json';
    edit(dir, file, replaceOnce('"Principal": "*"', '"Principal": { "AWS": "arn:aws:iam::123456789012:root" }'));
    expect(errorsOf(dir)).toContainEqual(at('RCP_PRINCIPAL', file, lineOf(dir, file, '"Principal"')));
  });
});

describe('all errors at once', () => {
  it('reports the meaning errors of every file in one load', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('email: aws-prod-data@example.com', 'email: aws-prod-web@example.com'));
    edit(dir, ACCOUNTS, replaceOnce('    ou: Sandbox\n', '    ou: Sandboxes\n'));
    edit(dir, GUARDRAILS, replaceOnce('  - policy: sandbox-limits\n', '  - policy: sandbox-limit\n'));
    edit(dir, 'policies/scp/deny-iam-users-and-access-keys.json', replaceOnce('"iam:CreateAccessKey"', '"iam:CreateAccesKey"'));
    edit(dir, 'policies/scp/quarantine.json', replaceOnce('"Resource": "*"', '"Resource": "${quarantineScope}"'));
    edit(dir, 'policies/rcp/rcp-confused-deputy-protection.json', replaceOnce('"Principal": "*"', '"Principal": "arn:aws:iam::123456789012:root"'));
    const found = errorsOf(dir).map((e) => `${e.file} ${e.code}`);
    expect(found).toEqual(expect.arrayContaining([
      `${ACCOUNTS} DUPLICATE_EMAIL`,
      `${ACCOUNTS} UNKNOWN_OU`,
      `${GUARDRAILS} POLICY_FILE_MISSING`,
      'policies/scp/deny-iam-users-and-access-keys.json UNKNOWN_ACTION',
      'policies/scp/quarantine.json UNBOUND_PARAMETER',
      'policies/rcp/rcp-confused-deputy-protection.json RCP_PRINCIPAL',
    ]));
  });

  it('still lints the policies when accounts.yaml fails the structural pass', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('id: "444444444444"', 'id: "4444"'));
    edit(dir, ORG, replaceOnce('homeRegion: us-east-1', 'homeRegion: us-east-1\n  favouriteColour: blue'));
    edit(dir, 'policies/scp/deny-iam-users-and-access-keys.json', replaceOnce('"iam:CreateAccessKey"', '"iam:CreateAccesKey"'));
    edit(dir, 'policies/rcp/rcp-enforce-tls.json', replaceOnce('"Effect": "Deny"', '"Effect": "Allow"'));
    const found = errorsOf(dir).map((e) => `${e.file} ${e.code}`);
    expect(found).toEqual(expect.arrayContaining([
      `${ACCOUNTS} INVALID_FORMAT`,
      `${ORG} UNKNOWN_KEY`,
      'policies/scp/deny-iam-users-and-access-keys.json UNKNOWN_ACTION',
      'policies/rcp/rcp-enforce-tls.json RCP_ALLOW',
    ]));
  });
});
