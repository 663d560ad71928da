import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadLandingZone } from '../../model';
import { at, copyExample, edit, errorsOf, lineOf, removeCopies, replaceOnce } from './declaration-copy';

/*
 * Every error at once: a structural error in one file does not hide the meaning errors of that
 * file's other parts, nor of the files that do not depend on it.
 */

const ORG = 'accounts/organization.yaml';
const ACCOUNTS = 'accounts/accounts.yaml';
const NETWORK = 'accounts/network.yaml';
const IDENTITY = 'accounts/identity.yaml';

afterAll(removeCopies);

const overlappingSpokes = (t: string) => t.replace('    cidr: 10.17.0.0/16\n', '    cidr: 10.16.128.0/17\n');

describe('a structural error hides nothing else', () => {
  it('an unknown key in organization.yaml, a region typo and overlapping spoke CIDRs: all three in one run', () => {
    const dir = copyExample({ sections: ['network'] });
    edit(dir, ORG, replaceOnce('  homeRegion: us-east-1\n', '  homeRegion: us-east-1\n  favouriteColour: blue\n'));
    edit(dir, ORG, replaceOnce('allowedRegions: [us-east-1, us-west-2, eu-west-1]', 'allowedRegions: [us-east-1, us-west-2, eu-wset-1]'));
    edit(dir, NETWORK, overlappingSpokes);
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('UNKNOWN_KEY', ORG, lineOf(dir, ORG, 'favouriteColour')));
    expect(errors).toContainEqual(at('UNKNOWN_REGION', ORG, lineOf(dir, ORG, 'eu-wset-1')));
    expect(errors).toContainEqual(at('CIDR_OVERLAP', NETWORK, lineOf(dir, NETWORK, '10.16.128.0/17')));
  });

  it('lzkit validate --json reports the three in one run', () => {
    const dir = copyExample({ sections: ['network'] });
    edit(dir, ORG, replaceOnce('  homeRegion: us-east-1\n', '  homeRegion: us-east-1\n  favouriteColour: blue\n'));
    edit(dir, ORG, replaceOnce('allowedRegions: [us-east-1, us-west-2, eu-west-1]', 'allowedRegions: [us-east-1, us-west-2, eu-wset-1]'));
    edit(dir, NETWORK, overlappingSpokes);
    const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'lzkit.js'), 'validate', '--json', '--dir', dir], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const codes = (JSON.parse(r.stdout) as { errors: { file: string; code: string }[] }).errors.map((e) => `${e.file} ${e.code}`);
    expect(codes).toEqual([`${NETWORK} CIDR_OVERLAP`, `${ORG} UNKNOWN_KEY`, `${ORG} UNKNOWN_REGION`]);
  });

  it('an account entry that fails the structural pass leaves the others checked, and references to it unreported', () => {
    const dir = copyExample();
    edit(dir, ACCOUNTS, replaceOnce('    email: aws-shared-services@example.com\n', ''));
    edit(dir, ACCOUNTS, replaceOnce('email: aws-prod-data@example.com', 'email: aws-prod-web@example.com'));
    edit(dir, ACCOUNTS, replaceOnce('    ou: Sandbox\n', '    ou: Sandboxes\n'));
    const errors = errorsOf(dir);
    expect(errors.map((e) => e.code).sort()).toEqual(['DUPLICATE_EMAIL', 'MISSING_FIELD', 'UNKNOWN_OU']);
    // organization.accountRoles.sharedServices names the account left out: not UNKNOWN_ACCOUNT.
  });

  it('with organization.yaml unreadable, accounts, network and identity are still checked', () => {
    const dir = copyExample({ sections: ['network', 'identity'] });
    edit(dir, ORG, replaceOnce('  managementAccount: management\n', ''));
    edit(dir, ACCOUNTS, replaceOnce('  - name: prod-data\n', '  - name: prod-web\n'));
    edit(dir, NETWORK, overlappingSpokes);
    edit(dir, IDENTITY, (t) => t.replace('sessionDuration: PT8H', 'sessionDuration: PT20H'));
    const codes = errorsOf(dir).map((e) => `${e.file} ${e.code}`);
    expect(codes).toEqual(expect.arrayContaining([
      `${ORG} MISSING_FIELD`, `${ACCOUNTS} DUPLICATE_ACCOUNT_NAME`, `${NETWORK} CIDR_OVERLAP`, `${IDENTITY} SESSION_DURATION_TOO_LONG`,
    ]));
    // References into the unread organization.yaml (OUs, role accounts, regions) are not guessed at.
    expect(codes.filter((c) => /UNKNOWN_OU|REGION_NOT_ALLOWED|ACCOUNT_MISSING|DELEGATED_ADMIN/.test(c))).toEqual([]);
  });

  it('with accounts.yaml unreadable, organization.yaml and the policies are still checked, without UNKNOWN_ACCOUNT guesses', () => {
    const dir = copyExample({ sections: ['network'] });
    fs.writeFileSync(path.join(dir, ACCOUNTS), 'accounts: 7\n');
    edit(dir, ORG, replaceOnce('  - name: Sandbox\n', '  - name: Sandbox\n  - name: Sandbox\n'));
    edit(dir, 'policies/scp/deny-iam-users-and-access-keys.json', replaceOnce('"iam:CreateAccessKey"', '"iam:CreateAccesKey"'));
    edit(dir, NETWORK, overlappingSpokes);
    const codes = errorsOf(dir).map((e) => `${e.file} ${e.code}`);
    expect(codes).toEqual(expect.arrayContaining([
      `${ACCOUNTS} WRONG_TYPE`, `${ORG} DUPLICATE_OU_NAME`, 'policies/scp/deny-iam-users-and-access-keys.json UNKNOWN_ACTION', `${NETWORK} CIDR_OVERLAP`,
    ]));
    expect(codes.filter((c) => c.endsWith('UNKNOWN_ACCOUNT'))).toEqual([]);
  });
});

describe('an unreadable guardrails.yaml', () => {
  it('is reported, and does not make every policy "not attached"', () => {
    const dir = copyExample();
    fs.writeFileSync(path.join(dir, 'accounts/guardrails.yaml'), 'attachments: *nowhere\n');
    const r = loadLandingZone(dir);
    expect(r.errors.map((e) => e.code)).toEqual(['YAML_UNDEFINED_ALIAS']);
    expect(r.warnings.filter((w) => w.code === 'POLICY_NOT_ATTACHED')).toEqual([]);
  });
});

describe('a policy of a type the organization does not enable', () => {
  // A policy type must be enabled in the root before policies of that type can be attached:
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html (PolicyTypeNotEnabledException)
  it('is an error at its attachment', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('RESOURCE_CONTROL_POLICY, TAG_POLICY, ', 'RESOURCE_CONTROL_POLICY, '));
    const G = 'accounts/guardrails.yaml';
    expect(errorsOf(dir)).toEqual([expect.objectContaining({ code: 'POLICY_TYPE_NOT_ENABLED', file: G, line: lineOf(dir, G, 'policy: tag-policy-cost-center'), message: expect.stringContaining('TAG_POLICY') })]);
  });
});

describe('YAML that parses but cannot be read as data: a located error with its own code, never a crash', () => {
  const withOrg = (from: string, to: string) => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce(from, to));
    return dir;
  };

  it('an alias to no anchor', () => {
    const dir = withOrg('  homeRegion: us-east-1\n', '  homeRegion: *home\n');
    expect(errorsOf(dir)).toContainEqual(at('YAML_UNDEFINED_ALIAS', ORG, lineOf(dir, ORG, '*home')));
  });

  it('an alias bomb, at the alias that expands the most', () => {
    const dir = copyExample();
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)];
    fs.writeFileSync(path.join(dir, 'accounts/guardrails.yaml'), `${laughs.join('\n')}\n`);
    const e = errorsOf(dir).find((x) => x.code === 'YAML_ALIAS_LIMIT');
    expect(e).toMatchObject({ file: 'accounts/guardrails.yaml', line: 7 });
  });

  it('an OU that contains itself through an alias', () => {
    const dir = withOrg('  - name: Sandbox\n', '  - &box\n    name: Sandbox\n    children: [*box]\n');
    expect(errorsOf(dir)).toEqual([at('YAML_ALIAS_CYCLE', ORG, lineOf(dir, ORG, 'children: [*box]'))]);
  });

  it('nesting deeper than the parser reads is not called a syntax error', () => {
    const dir = copyExample();
    const deep = Array.from({ length: 1200 }, (_, i) => `${' '.repeat(2 * i + 4)}- n${i}:`).join('\n');
    edit(dir, ORG, replaceOnce('    tags: { lifecycle: quarantine }\n', `    tags: { lifecycle: quarantine }\n    children:\n${deep} x\n`));
    const errors = errorsOf(dir);
    expect(errors.map((e) => e.code)).toEqual(['NESTING_TOO_DEEP']);
    expect(errors[0].line).toBeGreaterThan(lineOf(dir, ORG, 'children:\n'.trim()));
  });

  it('a list as a mapping key, at its line, without a Node warning', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const dir = withOrg('  roles:\n', '  ? [a, b]\n  : c\n  roles:\n');
      expect(errorsOf(dir)).toEqual([at('YAML_COMPLEX_KEY', ORG, lineOf(dir, ORG, '? [a, b]'))]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('a JSON policy nested too deep is not called invalid JSON', () => {
    const dir = copyExample();
    const file = 'policies/scp/quarantine.json';
    edit(dir, file, replaceOnce('"Resource": "*"', `"Resource": "*", "X": ${'['.repeat(3000)}${']'.repeat(3000)}`));
    expect(loadLandingZone(dir).errors.map((e) => `${e.file} ${e.code}`)).toContain(`${file} NESTING_TOO_DEEP`);
  });
});
