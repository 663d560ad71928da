import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { loadLandingZoneOrThrow, type LandingZone } from '../../model';
import { Testing } from '../../stacks/cdktf';
import { logicalId } from '../../stacks/constructs/logical-id';
import { exampleCopy, REPO, synthAll, type SynthesizedApp, type SynthesizedStack } from './synth-helpers';

/** The created security tooling account's id, as its account shard (Security) outputs it. */
const SECURITY_TOOLING_ID = expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-accounts-Security\.outputs\.[\w-]*security-tooling[\w-]*\}$/);

describe('organization stack, example declaration', () => {
  let lz: LandingZone;
  let app: SynthesizedApp;
  let org: SynthesizedStack;
  let admins: SynthesizedStack;
  beforeAll(() => {
    lz = loadLandingZoneOrThrow(REPO);
    app = synthAll(lz);
    org = app('organization');
    admins = app('delegated-administrators');
  });

  // aws_service_access_principals and enabled_policy_types are authoritative: an apply disables
  // what is live and not listed (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_organization).
  // The example adopts its organization, so both lists take the union with what is live.
  it('adopts the organization with all features, adding the declared policy types and trusted services to the live ones, protected', () => {
    expect(Testing.toHaveResourceWithProperties(org.raw, 'aws_organizations_organization', { feature_set: 'ALL' })).toBe(true);
    const [organization] = Object.values(org.resources('aws_organizations_organization'));
    expect(organization).toMatchObject({ feature_set: 'ALL', lifecycle: { prevent_destroy: true } });
    const live = 'data.aws_organizations_organization.live_organization';
    expect(organization.aws_service_access_principals).toMatch(new RegExp(`^\\$\\{setunion\\(\\[.*"ram\\.amazonaws\\.com".*\\], tolist\\(${live.replace(/\./g, '\\.')}\\.aws_service_access_principals\\)\\)\\}$`));
    expect(organization.enabled_policy_types).toMatch(new RegExp(`^\\$\\{setunion\\(\\[.*"SERVICE_CONTROL_POLICY".*\\], tolist\\(${live.replace(/\./g, '\\.')}\\.enabled_policy_types\\)\\)\\}$`));
    expect(org.json.data?.aws_organizations_organization).toHaveProperty('live_organization');
  });

  it('has one OU per declared OU below the root, each parent by reference', () => {
    const ous = org.resources('aws_organizations_organizational_unit');
    expect(Object.keys(ous).length).toBe(lz.ous.size - 1);
    expect(Object.keys(ous).length).toBeGreaterThanOrEqual(6);
    expect(ous.ou_Security.parent_id).toBe('${aws_organizations_organization.organization.roots[0].id}');
    expect(ous.ou_Workloads_Prod).toMatchObject({ name: 'Prod', parent_id: '${aws_organizations_organizational_unit.ou_Workloads.id}' });
  });

  it('has every member account in an account stack, never closed, never destroyed, role and billing settings ignored', () => {
    expect(org.resources('aws_organizations_account')).toEqual({});
    const accounts = app.family('accounts').aws_organizations_account;
    const members = [...lz.accounts.values()].filter((a) => !a.isManagement);
    expect(Object.keys(accounts).sort()).toEqual(members.map((a) => logicalId('account', [a.name])).sort());
    expect(Object.keys(accounts).length).toBeGreaterThanOrEqual(6);
    for (const account of Object.values(accounts)) {
      expect(account).toMatchObject({
        close_on_deletion: false,
        lifecycle: { prevent_destroy: true, ignore_changes: expect.arrayContaining(['role_name', 'iam_user_access_to_billing']) },
      });
    }
    const prodWeb = lz.accounts.get('prod-web')!;
    // Its adopted OU by literal id: no remote-state read for it.
    expect(accounts['account_prod-web']).toMatchObject({
      name: 'prod-web', email: prodWeb.email, role_name: lz.organization.roles.deployment,
      parent_id: lz.ous.get('Workloads/Prod')!.id, tags: { ...prodWeb.tags },
    });
    // A created OU's id through the organization stack's state.
    const sandbox = lz.accounts.get('sandbox-alice')!;
    expect(lz.ous.get(sandbox.ou)!.id).toBeUndefined();
    expect(accounts['account_sandbox-alice'].parent_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-organization\.outputs\.[\w-]+\}$/);
  });

  it('leaves the management account out (it exists and cannot be created or moved)', () => {
    const names = Object.values(app.family('accounts').aws_organizations_account).map((a) => a.name);
    expect(names).not.toContain(lz.organization.managementAccount);
  });

  it('adopts every declared id with an import block, and only those', () => {
    const imports = new Map((org.json.import ?? []).map((i) => [i.to, i.id]));
    expect(imports.get('aws_organizations_organization.organization')).toBe(lz.organization.id);
    for (const ou of lz.ous.values()) {
      if (ou.parentPath === undefined) continue;
      expect(imports.get(`aws_organizations_organizational_unit.${logicalId('ou', ou.path.split('/'))}`)).toBe(ou.id);
    }
    const accountImports = new Map(app.names.filter((n) => n.startsWith('accounts-')).flatMap((n) => (app(n).json.import ?? []).map((i) => [i.to, i.id] as const)));
    for (const a of lz.accounts.values()) {
      if (a.isManagement) continue;
      expect(accountImports.get(`aws_organizations_account.${logicalId('account', [a.name])}`)).toBe(a.id);
    }
    // Adopted accounts never send role_name (AWS cannot set it on an existing account).
    expect(app.family('accounts').aws_organizations_account['account_log-archive'].role_name).toBeUndefined();
  });

  it('registers the delegated administrators through Organizations where the service does, in their own stack after the organization', () => {
    const registered = Object.values(admins.resources('aws_organizations_delegated_administrator'));
    expect(registered.map((a) => a.service_principal).sort()).toEqual(['access-analyzer.amazonaws.com', 'config.amazonaws.com']);
    // The security tooling account is created: its id is its account shard's output.
    expect(registered).toContainEqual(expect.objectContaining({ service_principal: 'config.amazonaws.com', account_id: SECURITY_TOOLING_ID }));
    expect(org.resources('aws_organizations_delegated_administrator')).toEqual({});
  });

  // GuardDuty and Security Hub designate their administrator through their own API, per region
  // (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html,
  // https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html), and
  // IPAM through EC2 (https://docs.aws.amazon.com/vpc/latest/ipam/enable-integ-ipam.html).
  it('designates GuardDuty and Security Hub administrators in every allowed region, and IPAM\'s through EC2', () => {
    for (const type of ['aws_guardduty_organization_admin_account', 'aws_securityhub_organization_admin_account']) {
      const designated = Object.values(admins.resources(type));
      expect(designated).toHaveLength(lz.organization.allowedRegions.length);
      for (const a of designated) expect(a).toMatchObject({ admin_account_id: SECURITY_TOOLING_ID });
      // One per region: the home region's default provider and an aliased one for each other region.
      expect(new Set(designated.map((a) => a.provider ?? 'aws')).size).toBe(lz.organization.allowedRegions.length);
    }
    expect(Object.values(admins.resources('aws_vpc_ipam_organization_admin_account'))).toEqual([
      expect.objectContaining({ delegated_admin_account_id: lz.accounts.get('network')!.id }),
    ]);
  });

  // Sharing with OUs needs RAM's own switch: https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs
  it('enables RAM sharing with the organization (the network shares to OUs)', () => {
    expect(Object.keys(org.resources('aws_ram_sharing_with_organization'))).toEqual(['ram_sharing_with_organization']);
  });

  // Centralized root access: the management account manages member accounts' root credentials
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html); the provider's
  // resource lists the features (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_organizations_features).
  it('enables centralized root access with the declared features, after the organization (and its IAM trusted access)', () => {
    expect(lz.organization.trustedServices).toContain('iam.amazonaws.com');
    expect(Object.values(org.resources('aws_iam_organizations_features'))).toEqual([expect.objectContaining({
      enabled_features: ['RootCredentialsManagement', 'RootSessions'], depends_on: ['aws_organizations_organization.organization'],
    })]);
  });

  it('keeps its state in the declaration folder, outside cdktf.out', () => {
    const local = org.json.terraform.backend.local as { path: string };
    expect(local.path).toMatch(/terraform\.state\/organization\.tfstate$/);
    expect(local.path).not.toContain('cdktf.out');
  });
});

describe('organization stack, a new organization', () => {
  it('creates the organization without an import block when no id is declared', () => {
    const dir = exampleCopy((f) => {
      delete (f['organization.yaml'].organization as Record<string, unknown>).id;
    });
    const org = synthAll(loadLandingZoneOrThrow(dir))('organization');
    expect(org.json.import?.map((i) => i.to)).not.toContain('aws_organizations_organization.organization');
    expect(Object.keys(org.resources('aws_organizations_organization'))).toEqual(['organization']);
    // A new organization has nothing live to keep: the lists are the declared ones.
    const declared = (parse(fs.readFileSync(path.join(dir, 'accounts', 'organization.yaml'), 'utf8')) as { organization: { enabledPolicyTypes: string[] } }).organization.enabledPolicyTypes;
    expect(org.resources('aws_organizations_organization').organization.enabled_policy_types).toEqual(declared);
    expect(org.json.data?.aws_organizations_organization).toBeUndefined();
  });

  it('uses an S3 backend with locking when the declaration configures one', () => {
    const dir = exampleCopy((f) => {
      (f['organization.yaml'].organization as Record<string, unknown>).stateBackend = { type: 's3', bucket: 'acme-lzkit-state', region: 'us-east-1' };
    });
    const org = synthAll(loadLandingZoneOrThrow(dir))('organization');
    expect(org.json.terraform.backend.s3).toMatchObject({ bucket: 'acme-lzkit-state', key: 'lzkit/organization.tfstate', encrypt: true, use_lockfile: true });
  });
});
