import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const lzkit = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'lzkit.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('lzkit effective', () => {
  it('--json: the effective declarative EC2 policy of an account, as DescribeEffectivePolicy would show it', () => {
    // Effective policies carry the values without the inheritance operators:
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_effective.html
    const r = lzkit('effective', '--account', 'prod-web', '--type', 'DECLARATIVE_POLICY_EC2', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ account: 'prod-web', type: 'DECLARATIVE_EC2', organizationsType: 'DECLARATIVE_POLICY_EC2', policies: [{ level: 'Root', policy: 'ec2-baseline' }] });
    expect(out.content.ec2_attributes.instance_metadata_defaults.http_tokens).toBe('required');
    expect(JSON.stringify(out.content)).not.toContain('@@');
  });

  it('bad input: one line, exit 2, no stack', () => {
    for (const [args, says] of [
      [['--account', 'prod-web', '--type', 'SCP'], /NO_EFFECTIVE_POLICY: SCPs have no effective policy/],
      [['--account', 'prod-wbe', '--type', 'tag'], /UNKNOWN_ACCOUNT: account 'prod-wbe' is not declared .*did you mean 'prod-web'/],
      [['--account', 'prod-web', '--type', 'backups'], /--type 'backups' is not a policy type; use one of TAG, BACKUP/],
    ] as const) {
      const r = lzkit('effective', ...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(says);
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:'))).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+/);
    }
  });
});
