import * as fs from 'fs';
import * as path from 'path';
import { diffResources } from '../../diff/resources';
import { replacementRule } from '../../diff/replacement';
import type { TerraformJson } from '../../diff';
import { cleanup, copyDeclaration, diffExample, REGION_DENY_WITHOUT_SANDBOX, REPO, side } from './fixture';

afterAll(cleanup);

const stack = (json: TerraformJson) => new Map([['organization', json]]);

// How Terraform plans: a resource only in the configuration is created (or imported when an
// import block names it), one only in the state is destroyed, a changed argument is updated in
// place unless the provider says it forces a new resource.
// https://developer.hashicorp.com/terraform/language/resources/behavior
// https://developer.hashicorp.com/terraform/language/import

describe('resources', () => {
  const ou = (name: string, parent: string) => ({ name, parent_id: parent });
  const account = (email: string, parent: string) => ({ name: 'alice', email, parent_id: parent, lifecycle: { prevent_destroy: true, ignore_changes: ['role_name'] } });

  it('create, import, update, replace, destroy by address', () => {
    const before = stack({ resource: {
      aws_organizations_organizational_unit: { ou_A: ou('A', 'r-1'), ou_B: ou('B', 'r-1'), ou_Gone: ou('Gone', 'r-1') },
    } });
    const after = stack({
      resource: { aws_organizations_organizational_unit: { ou_A: ou('A2', 'r-1'), ou_B: ou('B', 'ou-x'), ou_New: ou('New', 'r-1'), ou_Adopted: ou('Adopted', 'r-1') } },
      import: [{ id: 'ou-1234-abcdefgh', to: 'aws_organizations_organizational_unit.ou_Adopted' }],
    });
    // aws_organizations_organizational_unit: name is updated in place, parent_id forces a new OU.
    expect(diffResources(before, after)).toEqual([
      { stack: 'organization', address: 'aws_organizations_organizational_unit.ou_A', action: 'update' },
      { stack: 'organization', address: 'aws_organizations_organizational_unit.ou_Adopted', action: 'import' },
      { stack: 'organization', address: 'aws_organizations_organizational_unit.ou_B', action: 'replace', forcedBy: ['parent_id'] },
      { stack: 'organization', address: 'aws_organizations_organizational_unit.ou_Gone', action: 'destroy' },
      { stack: 'organization', address: 'aws_organizations_organizational_unit.ou_New', action: 'create' },
    ]);
  });

  it('a protected account whose email changes is a replacement Terraform refuses; ignore_changes and bookkeeping are not changes', () => {
    const before = stack({ resource: { aws_organizations_account: { account_alice: { ...account('a@example.com', 'r-1'), '//': { metadata: { path: 'x' } }, role_name: 'A' } } } });
    const after = stack({ resource: { aws_organizations_account: { account_alice: { ...account('b@example.com', 'r-1'), '//': { metadata: { path: 'y' } }, role_name: 'B' } } } });
    // aws_organizations_account: email forces a new resource.
    expect(diffResources(before, after)).toEqual([{ stack: 'organization', address: 'aws_organizations_account.account_alice', action: 'replace', forcedBy: ['email'], protected: true }]);
  });

  it('replacement travels along references: an attachment to a replaced OU is replaced too', () => {
    const attach = { policy_id: 'p-1', target_id: '${aws_organizations_organizational_unit.ou_B.id}' };
    const before = stack({ resource: { aws_organizations_organizational_unit: { ou_B: ou('B', 'r-1') }, aws_organizations_policy_attachment: { attach_B: attach } } });
    const after = stack({ resource: { aws_organizations_organizational_unit: { ou_B: ou('B', 'ou-x') }, aws_organizations_policy_attachment: { attach_B: attach } } });
    expect(diffResources(before, after).map((r) => `${r.action} ${r.address}`)).toEqual([
      'replace aws_organizations_organizational_unit.ou_B',
      'replace aws_organizations_policy_attachment.attach_B',
    ]);
  });

  it('every resource type lzkit emits has a replacement rule', () => {
    const types = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts')) {
          for (const m of fs.readFileSync(full, 'utf8').matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)) {
            if (!m[1].startsWith('data-') && m[1] !== 'provider') types.add(`aws_${m[1].replace(/-/g, '_')}`);
          }
        }
      }
    };
    walk(path.join(REPO, 'stacks'));
    const dir = copyDeclaration();
    for (const json of side(dir, true).stacks!.values()) for (const t of Object.keys(json.resource ?? {})) types.add(t);
    expect([...types].filter((t) => !replacementRule(t))).toEqual([]);
  });

  it('the example without Sandbox in region-deny: its attachment to Sandbox is destroyed', () => {
    const { report } = diffExample([REGION_DENY_WITHOUT_SANDBOX], true);
    expect(report.resources).toContainEqual({ stack: 'guardrails-Sandbox', address: 'aws_organizations_policy_attachment.attach_region-deny_ou_Sandbox', action: 'destroy' });
    expect(report.resources.filter((r) => r.action !== 'update')).toHaveLength(1);
    expect(report.summary.errors).toEqual([]);
  });

  // A resource that changes stack changes Terraform state: `moved` blocks do not cross states, so
  // lzkit writes `removed` (lifecycle.destroy = false) in the old stack and `import` in the new one:
  // https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
  it('an address that leaves one stack for another is one move, not a destroy and a create', () => {
    const attach = { policy_id: 'p-1', target_id: 'ou-1' };
    const before = new Map<string, TerraformJson>([['guardrails-A', { resource: { aws_organizations_policy_attachment: { attach_x: attach } } }], ['guardrails-A_2', {}]]);
    const after = new Map<string, TerraformJson>([['guardrails-A', {}], ['guardrails-A_2', { resource: { aws_organizations_policy_attachment: { attach_x: attach } } }]]);
    expect(diffResources(before, after)).toEqual([{ stack: 'guardrails-A_2', address: 'aws_organizations_policy_attachment.attach_x', action: 'move', from: 'guardrails-A' }]);
  });

  it('raising stacksPerOu moves the resources the rule sends to the new stack; a created account cannot move without its id', () => {
    const { report } = diffExample([{ rel: 'accounts/organization.yaml', from: '  stateBackend:', to: '  shards:\n    stacksPerOu: { Workloads: 3 }\n  stateBackend:' }], true);
    const moves = report.resources.filter((r) => r.action === 'move');
    expect(moves.length).toBeGreaterThan(0);
    expect(report.resources.filter((r) => r.action === 'destroy' || r.action === 'create')).toEqual([]);
    for (const m of moves) {
      expect(m.from).toMatch(/^(accounts|guardrails)-Workloads$/);
      expect(m.stack).toMatch(/^(accounts|guardrails)-Workloads_[23]$/);
    }
    // Created accounts (no id in accounts.yaml) that move are errors; adopted ones move by their import block.
    const created = new Set(['prod-web', 'prod-data', 'nonprod-web']);
    const accountMoves = moves.filter((m) => m.address.startsWith('aws_organizations_account.'));
    for (const m of accountMoves) expect(m.protected === true).toBe(created.has(m.address.replace('aws_organizations_account.account_', '')));
    expect(accountMoves.some((m) => m.protected)).toBe(true);
    expect(report.summary.errors).toHaveLength(accountMoves.filter((m) => m.protected).length);
    expect(report.summary.resources.move).toBe(moves.length);
  });
});

