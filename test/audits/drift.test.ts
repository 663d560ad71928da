import { detectDrift, normalizePolicy } from '../../audits/drift';
import { deployed, exampleLandingZone, memberInOu, type ReadSnapshot } from './fixtures';

/** One case per category: a drift made by hand on a perfectly deployed organization. */
interface DriftCase {
  readonly category: string;
  readonly drift: (s: ReadSnapshot) => string; // returns the resource id the finding must name
}

const customerScp = (s: ReadSnapshot) => {
  const p = s.policies.find((x) => !x.awsManaged && x.type === 'SERVICE_CONTROL_POLICY' && x.targets.length > 0);
  if (!p) throw new Error('the example declaration attaches no SCP');
  return p;
};
const leafOu = (s: ReadSnapshot) => s.organizationalUnits.find((o) => !s.organizationalUnits.some((c) => c.parentId === o.id))!;

const CASES: DriftCase[] = [
  { category: 'trusted-access-disabled', drift: (s) => { s.trustedServices.shift(); return s.organization.id; } },
  {
    category: 'policy-type-disabled',
    drift: (s) => { const t = exampleLandingZone().organization.enabledPolicyTypes[0]; s.root.policyTypes = s.root.policyTypes.filter((p) => p.type !== t); return s.root.id; },
  },
  { category: 'delegated-admin-missing', drift: (s) => { const d = s.delegatedAdministrators[0]; d.servicePrincipals.shift(); return d.accountId; } },
  {
    category: 'ou-missing',
    drift: (s) => {
      const ou = leafOu(s);
      for (const a of s.accounts) if (a.parentId === ou.id) a.parentId = ou.parentId;
      for (const p of s.policies) p.targets = p.targets.filter((t) => t !== ou.id);
      s.organizationalUnits = s.organizationalUnits.filter((o) => o.id !== ou.id);
      return [...exampleLandingZone().ous.values()].find((o) => o.path === ou.path)?.id ?? ou.path;
    },
  },
  { category: 'ou-unexpected', drift: (s) => { s.organizationalUnits.push({ id: 'ou-zzzz-99999999', name: 'Rogue', parentId: s.root.id, path: 'Rogue' }); return 'ou-zzzz-99999999'; } },
  {
    category: 'account-missing',
    drift: (s) => {
      const a = memberInOu(s);
      s.accounts = s.accounts.filter((x) => x.id !== a.id);
      for (const p of s.policies) p.targets = p.targets.filter((t) => t !== a.id);
      delete s.accountStates[a.id];
      return a.id;
    },
  },
  {
    category: 'account-unmanaged',
    drift: (s) => {
      s.accounts.push({ id: '123412341234', name: 'stray', email: 'stray@example.com', state: 'ACTIVE', paths: [], parentId: s.root.id });
      s.accountStates['123412341234'] = structuredClone(s.accountStates[s.organization.managementAccountId]);
      return '123412341234';
    },
  },
  {
    category: 'account-moved',
    drift: (s) => { const a = memberInOu(s); a.parentId = s.organizationalUnits.find((o) => o.id !== a.parentId)!.id; return a.id; },
  },
  { category: 'account-not-active', drift: (s) => { const a = memberInOu(s); a.state = 'SUSPENDED'; delete s.accountStates[a.id]; return a.id; } },
  {
    category: 'policy-missing',
    drift: (s) => {
      const p = customerScp(s);
      s.policies = s.policies.filter((x) => x !== p);
      const g = [...exampleLandingZone().guardrails.policies.values()].find((x) => x.name === p.name)!;
      return g.existingId ?? g.id;
    },
  },
  {
    category: 'policy-modified',
    drift: (s) => {
      const p = customerScp(s);
      const doc = JSON.parse(p.content);
      doc.Statement[0].Effect = doc.Statement[0].Effect === 'Deny' ? 'Allow' : 'Deny';
      p.content = JSON.stringify(doc);
      return p.id;
    },
  },
  { category: 'policy-detached', drift: (s) => { const p = customerScp(s); p.targets.pop(); return p.id; } },
  {
    category: 'policy-attached-unexpectedly',
    drift: (s) => { const p = customerScp(s); p.targets.push(s.organization.managementAccountId); return p.id; },
  },
  // The example manages root access centrally: its member accounts have no root credentials. The
  // drift is a root password set again, without MFA.
  {
    category: 'root-mfa-disabled',
    drift: (s) => { const a = memberInOu(s); Object.assign(s.accountStates[a.id].iam!.summary!, { accountMfaEnabled: false, accountPasswordPresent: true }); return a.id; },
  },
  { category: 'root-access-keys-present', drift: (s) => { const a = memberInOu(s); s.accountStates[a.id].iam!.summary!.accountAccessKeysPresent = true; return a.id; } },
  // What Organizations reports as an account's effective tag policy differs from the merge of the
  // declared policies (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeEffectivePolicy.html).
  {
    category: 'effective-policy-differs',
    drift: (s) => {
      const e = (s.effectivePolicies as { accountId: string; type: string; content: string | null }[]).find((x) => x.type === 'TAG_POLICY' && x.content !== null)!;
      e.content = JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } });
      return e.accountId;
    },
  },
  { category: 'password-policy-weak', drift: (s) => { const a = memberInOu(s); s.accountStates[a.id].iam!.passwordPolicy = null; return a.id; } },
  {
    category: 'unauditable',
    drift: (s) => {
      const a = memberInOu(s);
      delete s.accountStates[a.id];
      s.errors.push({ scope: 'account', resourceId: a.id, api: 'sts:AssumeRole', code: 'AccessDenied', message: 'denied' });
      return a.id;
    },
  },
];

describe('drift engine', () => {
  const lz = exampleLandingZone();

  it('finds nothing in the declaration deployed perfectly', () => {
    expect(detectDrift(lz, deployed())).toEqual([]);
  });

  it.each(CASES)('reports $category, and only it', ({ category, drift }) => {
    const s = deployed();
    const resourceId = drift(s);
    const findings = detectDrift(lz, s);
    expect([...new Set(findings.map((f) => f.category))]).toEqual([category]);
    expect(findings.map((f) => f.resource.id)).toContain(resourceId);
    for (const f of findings) {
      expect(f.message).not.toHaveLength(0);
      expect(f.remediation).not.toHaveLength(0);
      expect(f.location.line).toBeGreaterThanOrEqual(1);
    }
  });

  // Centralized root access: the management account removes member accounts' root credentials, and a
  // member account without them has no root user that can sign in
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html); GetAccountSummary
  // reports AccountPasswordPresent (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html).
  describe('root users, in the mode the declaration audits', () => {
    const withoutCredentials = (s: ReadSnapshot) => {
      const a = memberInOu(s);
      Object.assign(s.accountStates[a.id].iam!.summary!, { accountMfaEnabled: false, accountPasswordPresent: false, accountAccessKeysPresent: false });
      return a;
    };

    it('central: a member account without root credentials is compliant', () => {
      const s = deployed();
      withoutCredentials(s);
      expect(detectDrift(lz, s)).toEqual([]);
    });

    it('central but not enabled live: root-access-disabled, and the member without credentials is held to MFA, naming the mode', () => {
      const s = deployed();
      const a = withoutCredentials(s);
      s.rootAccess = { enabledFeatures: [] };
      const findings = detectDrift(lz, s);
      // Every member account of the seed has no root credentials: each is held to MFA again.
      expect([...new Set(findings.map((f) => f.category))].sort()).toEqual(['root-access-disabled', 'root-mfa-disabled']);
      expect(findings.find((f) => f.category === 'root-mfa-disabled' && f.resource.id === a.id)).toMatchObject({ message: expect.stringContaining('each account manages its own root user') });
    });

    it('central, not read: the member\'s root is unauditable, never reported as drift', () => {
      const s = deployed();
      withoutCredentials(s);
      (s as { rootAccess?: unknown }).rootAccess = { notRead: ['iam:ListOrganizationsFeatures'] };
      s.errors.push({ scope: 'organization', api: 'iam:ListOrganizationsFeatures', code: 'AccessDenied', message: 'denied' });
      expect(detectDrift(lz, s).map((f) => f.category)).toEqual(['unauditable']);
    });
  });

  it('locates a finding on the declared element (the account line of accounts.yaml)', () => {
    const s = deployed();
    const a = memberInOu(s);
    s.accountStates[a.id].iam!.summary!.accountAccessKeysPresent = true;
    const declared = [...lz.accounts.values()].find((d) => d.name === a.name)!;
    expect(detectDrift(lz, s)[0].location).toEqual(declared.source);
  });

  it('compares policies after normalization: key order, whitespace, one string vs a list of one', () => {
    const s = deployed();
    const p = s.policies.find((x) => !x.awsManaged && x.type === 'SERVICE_CONTROL_POLICY')!;
    const reorder = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.length === 1 && typeof v[0] === 'string' ? v[0] : v.map(reorder);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]));
      return v;
    };
    p.content = JSON.stringify(reorder(JSON.parse(p.content)), null, 4);
    expect(detectDrift(lz, s)).toEqual([]);
    expect(normalizePolicy({ Statement: { Effect: 'Deny', Action: 's3:*' } })).toBe(normalizePolicy({ Statement: [{ Action: ['s3:*'], Effect: 'Deny' }] }));
    expect(normalizePolicy({ Statement: [{ Effect: 'Deny', Action: 's3:*' }] })).not.toBe(normalizePolicy({ Statement: [{ Effect: 'Allow', Action: 's3:*' }] }));
  });

  it('matches an account the declaration creates (no id) by email, whatever its live name', () => {
    const created = [...lz.accounts.values()].find((a) => !a.id);
    if (!created) return; // every example account is adopted: nothing to match by email
    const s = deployed();
    s.accounts.find((a) => a.email === created.email)!.name = 'renamed-in-console';
    expect(detectDrift(lz, s)).toEqual([]);
  });

  it('never passes what it could not read: an active account without state is unauditable', () => {
    const s = deployed();
    const a = memberInOu(s);
    delete s.accountStates[a.id];
    expect(detectDrift(lz, s).map((f) => [f.category, f.resource.id])).toEqual([['unauditable', a.id]]);
  });
});
