import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { writeFolderWhole } from '../../cli/output';
import { copyExample, edit, removeCopies } from '../model/declaration-copy';

/**
 * Every lzkit command, given what users get wrong: each case spawns `node bin/lzkit.js` as a user
 * would and checks the CLI contract: the exit code, one clear line per problem naming it, never a
 * stack trace, nothing written when the job could not be done. The spawns run a few at a time in
 * beforeAll (each costs a node start-up); the cases then only assert.
 */

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'lzkit.js');

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

interface Case {
  readonly name: string;
  /** Arguments after `lzkit`; a function when they need the fixtures. */
  readonly args: () => string[];
  readonly env?: () => Record<string, string>;
  readonly code: number;
  /** What stderr (or stdout for validate) must say: the problem, named. */
  readonly says: RegExp;
  /** Lines on stderr (warnings aside) when the contract fixes it: one per problem. */
  readonly lines?: number;
  readonly stream?: 'stdout' | 'stderr';
  /** Further checks on the result or the file system. */
  readonly then?: (r: Run) => void;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-bad-input-'));
const at = (...p: string[]) => path.join(tmp, ...p);
let decl = '';      // the example, whole and valid: shared by every case that needs a valid declaration
let lean = '';      // organization, accounts and guardrails only: no network, no identity
let broken = '';    // one broken file per declaration file, each in its own way
let policies = '';  // valid YAML, two broken policy files of attached guardrails
let onlyOrg = '';   // accounts/organization.yaml and nothing else
let hangingImds: net.Server;
let imdsPort = 0;
let busy: net.Server;
let busyPort = 0;
let closedPort = 0;

/** No AWS setting of the machine running the tests leaks in; the instance metadata service never answers. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && k !== 'LZKIT_DEBUG'));
  return {
    ...env, AWS_CONFIG_FILE: at('no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: at('no-aws-credentials'),
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${imdsPort}`, ...extra,
  };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmp, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };
const fileCodes = (r: Run) => (JSON.parse(r.stdout) as { errors: { file: string; code: string; message: string }[] }).errors;

const CASES: Case[] = [
  // --- any command: flags and --dir
  { name: 'unknown command', args: () => ['deploy'], code: 2, says: /unknown command 'deploy'/, lines: 2 },
  { name: 'unknown flag', args: () => ['validate', '--bogus'], code: 2, says: /unknown option '--bogus'.*\n.*lzkit validate --help/, lines: 2 },
  { name: 'flag without its value', args: () => ['validate', '--dir'], code: 2, says: /option '--dir <dir>' argument missing/, lines: 2 },
  { name: 'required flag missing', args: () => ['reach', '--from', 'prod-web'], code: 2, says: /required option '--to <account>' not specified/, lines: 2 },
  { name: '--dir that does not exist', args: () => ['validate', '--dir', at('nowhere')], code: 2, says: /--dir .*nowhere does not exist/, lines: 1 },
  { name: '--dir that is a file', args: () => ['diagram', '--dir', at('a-file')], code: 2, says: /--dir .*a-file is a file, not a folder/, lines: 1 },
  { name: '--dir with an empty accounts/', args: () => ['validate', '--dir', at('empty')], code: 1, stream: 'stdout',
    says: /accounts\/accounts\.yaml:1:1 MISSING_FILE[^\n]*\naccounts\/organization\.yaml:1:1 MISSING_FILE/ },

  // --- the declaration: every file broken its own way, all reported in one run
  {
    name: 'broken declaration files (validate --json)', args: () => ['validate', '--dir', broken, '--json'], code: 1, says: /"ok": false/, stream: 'stdout',
    then: (r) => {
      const errors = fileCodes(r);
      const one = (file: string, code: string, message: RegExp) =>
        expect(errors).toContainEqual(expect.objectContaining({ file: `accounts/${file}`, code, message: expect.stringMatching(message) }));
      one('organization.yaml', 'WRONG_TYPE', /scpCharacters' must be a whole number, not a number too large/);
      one('accounts.yaml', 'WRONG_TYPE', /'accounts\.0\.id' must be a string, not the number 111111111111; quote it/);
      one('guardrails.yaml', 'YAML_ALIAS_LIMIT', /aliases/);
      one('logging.yaml', 'NOT_UTF8', /not UTF-8/);
      one('network.yaml', 'FILE_UNREADABLE', /link to nothing/);
      one('identity.yaml', 'WRONG_TYPE', /must be a map \(key: value\), not a list/);
      one('audit.yaml', 'WRONG_TYPE', /the file is empty/);
      expect(errors.find((e) => e.file === 'accounts/logging.yaml')).toMatchObject({ line: 3 });
    },
  },
  { name: 'broken declaration stops a command: one FILE:LINE:COL line per error', args: () => ['diagram', '--dir', broken], code: 2,
    says: /^accounts\/accounts\.yaml:\d+:\d+ WRONG_TYPE /m, lines: 7,
    then: (r) => { for (const line of r.stderr.trim().split('\n')) expect(line).toMatch(/^accounts\/[a-z]+\.yaml:\d+:\d+ [A-Z0-9_]+ \S/); } },
  {
    name: 'policy JSON that is an array, and one with a duplicate key', args: () => ['validate', '--dir', policies, '--json'], code: 1, says: /"ok": false/, stream: 'stdout',
    then: (r) => {
      // Only the two files' own errors: an attached policy whose file exists is not also "missing".
      expect(fileCodes(r).map((e) => `${e.file} ${e.code}`).sort()).toEqual([
        'policies/scp/deny-root-user.json DUPLICATE_KEY', 'policies/scp/quarantine.json WRONG_TYPE']);
      expect(fileCodes(r).find((e) => e.code === 'DUPLICATE_KEY')?.message).toMatch(/the key 'Sid' appears twice/);
    },
  },
  { name: 'a declaration with only organization.yaml', args: () => ['validate', '--dir', onlyOrg], code: 1, stream: 'stdout',
    says: /^accounts\/accounts\.yaml:1:1 MISSING_FILE accounts\/accounts\.yaml is required; create it/m },
  { name: 'synth refuses an invalid declaration and writes nothing', args: () => ['synth', '--dir', onlyOrg, '--out', at('never-synth')], code: 2,
    says: /MISSING_FILE/, lines: 1, then: () => expect(fs.existsSync(at('never-synth'))).toBe(false) },

  // --- synth --out
  { name: 'synth --out into a folder that does not exist creates it', args: () => ['synth', '--dir', decl, '--out', at('new', 'deep', 'out')], code: 0, says: /synthesized \d+ stack/, stream: 'stdout',
    then: () => {
      expect(fs.existsSync(at('new', 'deep', 'out', 'manifest.json'))).toBe(true);
      expect(fs.readdirSync(at('new', 'deep')).filter((n) => n.includes('lzkit-'))).toEqual([]); // no staging folder left behind
    } },
  { name: 'synth --out onto a file', args: () => ['synth', '--dir', decl, '--out', at('a-file')], code: 2, says: /--out .*a-file is a file, not a folder/, lines: 1 },
  { name: 'synth --out below a file', args: () => ['synth', '--dir', decl, '--out', at('a-file', 'out')], code: 2, says: /a-file is a file, not a folder/, lines: 1 },
  { name: 'synth --out where no folder can be made', args: () => ['synth', '--dir', decl, '--out', '/proc/lzkit-bad-input/out'], code: 2, says: /cannot create --out \/proc\/lzkit-bad-input\/out/, lines: 1 },

  // --- diagram, simulate
  { name: 'diagram --format unknown', args: () => ['diagram', '--dir', decl, '--format', 'svg'], code: 2, says: /--format must be mermaid or dot, got 'svg'/, lines: 1 },
  { name: 'simulate without --account', args: () => ['simulate', '--dir', decl, '--action', 's3:GetObject'], code: 2, says: /--account is required/, lines: 1 },
  { name: 'simulate --context malformed', args: () => ['simulate', '--dir', decl, '--account', 'prod-web', '--action', 's3:GetObject', '--context', '=true'], code: 2, says: /MALFORMED_CONTEXT: --context '=true' is not KEY=VALUE/, lines: 1 },
  { name: 'simulate --expect unknown', args: () => ['simulate', '--dir', decl, '--account', 'prod-web', '--action', 's3:GetObject', '--expect', 'maybe'], code: 2, says: /--expect takes allow or deny, got 'maybe'/, lines: 1 },
  { name: 'simulate --format without --matrix', args: () => ['simulate', '--dir', decl, '--account', 'prod-web', '--action', 's3:GetObject', '--format', 'csv'], code: 2, says: /--format applies only with --matrix/, lines: 1 },
  { name: 'simulate --matrix with one-request flags', args: () => ['simulate', '--dir', decl, '--matrix', '--account', 'prod-web', '--permission-set', 'Developer'], code: 2, says: /--account, --permission-set do not apply with --matrix/, lines: 1 },
  { name: 'simulate --matrix --format unknown', args: () => ['simulate', '--dir', decl, '--matrix', '--format', 'xlsx'], code: 2, says: /--format takes table, csv, json, markdown, got 'xlsx'/, lines: 1 },
  { name: 'simulate --matrix --actions that lists none', args: () => ['simulate', '--dir', decl, '--matrix', '--actions', at('no-actions.yaml')], code: 2, says: /no-actions\.yaml lists no actions/, lines: 1 },
  { name: 'simulate --matrix --actions that does not exist', args: () => ['simulate', '--dir', decl, '--matrix', '--actions', at('nowhere.yaml')], code: 2, says: /ACTION_LIST_INVALID: cannot read action list .*nowhere\.yaml \(no such file\)/, lines: 1 },
  { name: 'simulate --permission-set without identity.yaml', args: () => ['simulate', '--dir', lean, '--permission-set', 'Developer', '--account', 'prod-web', '--action', 's3:GetObject'], code: 2, says: /UNKNOWN_PERMISSION_SET: .*no accounts\/identity\.yaml/ },

  // --- reach, nag
  { name: 'reach with the same account twice', args: () => ['reach', '--dir', decl, '--from', 'prod-web', '--to', 'prod-web'], code: 2, says: /--from and --to both name 'prod-web'/, lines: 1 },
  { name: 'reach an unknown account', args: () => ['reach', '--dir', decl, '--from', 'prod-webb', '--to', 'prod-data'], code: 2, says: /'prod-webb' is not declared/, lines: 1 },
  { name: 'reach without network.yaml', args: () => ['reach', '--dir', lean, '--from', 'prod-web', '--to', 'prod-data'], code: 2, says: /no accounts\/network\.yaml/ },
  { name: 'nag --synthesized on a folder without stacks', args: () => ['nag', '--dir', decl, '--synthesized', at('empty')], code: 2, says: /no synthesized stacks in .*empty.stacks; run lzkit synth first/, lines: 1 },

  // --- audit: flags checked before AWS is read; no credentials and no endpoint fail fast
  { name: 'audit --format unknown', args: () => ['audit', '--dir', decl, '--format', 'pdf'], code: 2, says: /unknown --format 'pdf'; use one of table, json/, lines: 1 },
  { name: 'audit --concurrency 0', args: () => ['audit', '--dir', decl, '--concurrency', '0'], code: 2, says: /--concurrency must be a positive whole number, got '0'/, lines: 1 },
  { name: 'audit --output into a folder that does not exist', args: () => ['audit', '--dir', decl, '--output', at('nowhere', 'report.sarif')], code: 2, says: /--output .*report\.sarif: the folder .*nowhere does not exist/, lines: 1 },
  { name: 'audit --save-snapshot onto a folder', args: () => ['audit', '--dir', decl, '--save-snapshot', tmp], code: 2, says: /--save-snapshot .* is a folder; name a file/, lines: 1 },
  { name: 'audit --snapshot that is not a snapshot', args: () => ['audit', '--dir', decl, '--snapshot', at('no-actions.yaml')], code: 2, says: /no-actions\.yaml is not a snapshot/, lines: 1 },
  { name: 'audit without credentials (the metadata service never answers)', args: () => ['audit', '--dir', decl], code: 2, says: /no AWS credentials .*--snapshot FILE/, lines: 1 },
  { name: 'audit with AWS_ENDPOINT_URL where nothing listens', args: () => ['audit', '--dir', decl], env: () => ({ ...CREDENTIALS, AWS_ENDPOINT_URL: `http://127.0.0.1:${closedPort}` }),
    code: 2, says: /nothing answers at AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); start lzkit sandbox/, lines: 1 },
  { name: 'audit with AWS_ENDPOINT_URL that is not a URL', args: () => ['audit', '--dir', decl], env: () => ({ ...CREDENTIALS, AWS_ENDPOINT_URL: 'localhost-4566' }),
    code: 2, says: /AWS_ENDPOINT_URL 'localhost-4566' is not a URL/, lines: 1 },

  // --- sandbox
  { name: 'sandbox --port in use', args: () => ['sandbox', '--dir', decl, '--port', String(busyPort)], code: 2, says: /port \d+ on 127\.0\.0\.1 is in use; choose another --port/, lines: 1,
    then: (r) => expect(r.stderr).toContain(`port ${busyPort} `) },
  { name: 'sandbox --port out of range', args: () => ['sandbox', '--dir', decl, '--port', '70000'], code: 2, says: /--port must be a whole number from 0 to 65535, got '70000'/, lines: 1 },
  { name: 'sandbox --error-rate above 1', args: () => ['sandbox', '--dir', decl, '--error-rate', '5'], code: 2, says: /--error-rate must be a number from 0 to 1/, lines: 1 },
  { name: 'sandbox --drift unknown', args: () => ['sandbox', '--dir', decl, '--drift', 'scp-deleted'], code: 2, says: /unknown drift scenario 'scp-deleted'; known: scp-detached/, lines: 1 },

  // --- import --out
  { name: 'import --out onto an existing declaration', args: () => ['import', '--dir', decl, '--out', decl, '--snapshot', at('nowhere.json')], code: 2, says: /already holds accounts\/ and policies\/; choose an empty --out folder, or pass --force/, lines: 1 },
  { name: 'import --out onto an existing file', args: () => ['import', '--dir', decl, '--out', at('a-file'), '--snapshot', at('nowhere.json')], code: 2, says: /--out .*a-file is a file, not a folder/, lines: 1 },
  { name: 'import --snapshot that does not exist', args: () => ['import', '--dir', decl, '--out', at('import-1'), '--snapshot', at('nowhere.json')], code: 2, says: /cannot read snapshot .*nowhere\.json/, lines: 1,
    then: () => expect(fs.existsSync(at('import-1'))).toBe(false) },
  { name: 'import without credentials', args: () => ['import', '--dir', decl, '--out', at('import-2')], code: 2, says: /no AWS credentials .*--snapshot FILE/, lines: 1,
    then: () => expect(fs.existsSync(at('import-2'))).toBe(false) },
];

/** Runs every case, a few node processes at a time. */
async function runAll(): Promise<Map<string, Run>> {
  const results = new Map<string, Run>();
  const queue = [...CASES];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) results.set(c.name, await run(c.args(), cleanEnv(c.env?.())));
  };
  await Promise.all(Array.from({ length: Math.max(2, Math.min(4, os.cpus().length)) }, worker));
  return results;
}

function makeFixtures(): void {
  decl = at('decl');
  for (const d of ['accounts', 'policies']) fs.cpSync(path.join(ROOT, d), path.join(decl, d), { recursive: true });
  fs.writeFileSync(at('a-file'), 'not a folder\n');
  fs.mkdirSync(at('empty', 'accounts'), { recursive: true });
  fs.writeFileSync(at('no-actions.yaml'), 'actions: []\n');

  lean = copyExample();

  broken = copyExample();
  edit(broken, 'accounts/organization.yaml', (t) => t.replace('  stateBackend:\n', '  quotas:\n    scpCharacters: 1e400\n  stateBackend:\n'));
  edit(broken, 'accounts/accounts.yaml', (t) => t.replace('id: "111111111111"', 'id: 111111111111'));
  const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)];
  fs.writeFileSync(path.join(broken, 'accounts/guardrails.yaml'), `${laughs.join('\n')}\n`);
  fs.writeFileSync(path.join(broken, 'accounts/logging.yaml'), Buffer.concat([Buffer.from('# logging\nlogArchive:\n  bucket: caf\xe9', 'latin1'), Buffer.from('\n')]));
  fs.symlinkSync(path.join(broken, 'accounts/network.d/gone.yaml'), path.join(broken, 'accounts/network.yaml'));
  fs.writeFileSync(path.join(broken, 'accounts/identity.yaml'), '- groups\n- permissionSets\n');
  fs.writeFileSync(path.join(broken, 'accounts/audit.yaml'), '');

  policies = copyExample();
  fs.writeFileSync(path.join(policies, 'policies/scp/quarantine.json'), '[{"Effect": "Deny"}]\n');
  edit(policies, 'policies/scp/deny-root-user.json', (t) => t.replace('"Sid":', '"Sid": "First", "Sid":'));

  onlyOrg = at('only-org');
  fs.mkdirSync(path.join(onlyOrg, 'accounts'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'accounts/organization.yaml'), path.join(onlyOrg, 'accounts/organization.yaml'));
}

const listen = (server: net.Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));

let results: Map<string, Run>;

beforeAll(async () => {
  makeFixtures();
  // An instance metadata service that accepts and never answers: the worst case for the credential chain.
  hangingImds = net.createServer(() => undefined);
  imdsPort = await listen(hangingImds);
  busy = net.createServer((s) => s.destroy());
  busyPort = await listen(busy);
  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  results = await runAll();
}, 120_000);

afterAll(async () => {
  hangingImds.close();
  busy.close();
  removeCopies();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('lzkit with bad input: exit code, one clear line per problem, no stack trace', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = results.get(c.name)!;
    const detail = `lzkit ${c.args().join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
    expect({ code: r.code, detail }).toEqual({ code: c.code, detail });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).not.toMatch(/^\s+at /m);
    expect(c.stream === 'stdout' ? r.stdout : r.stderr).toMatch(c.says);
    if (c.lines !== undefined) expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning: '))).toHaveLength(c.lines);
    c.then?.(r);
  });
});

describe('writeFolderWhole: a write that fails halfway leaves the folder as it was', () => {
  it('keeps the old files and removes the staging folder', () => {
    const out = at('whole', 'out');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'manifest.json'), 'old');
    expect(() => writeFolderWhole('--out', out, (staging) => {
      fs.writeFileSync(path.join(staging, 'manifest.json'), 'new');
      throw new Error('synthesis failed');
    })).toThrow('synthesis failed');
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('old');
    expect(fs.readdirSync(at('whole'))).toEqual(['out']);
  });

  it('moves every new file in and keeps files it did not write', () => {
    const out = at('whole2', 'out');
    fs.mkdirSync(path.join(out, 'stacks', 'org', '.terraform'), { recursive: true });
    writeFolderWhole('--out', out, (staging) => {
      fs.mkdirSync(path.join(staging, 'stacks', 'org'), { recursive: true });
      fs.writeFileSync(path.join(staging, 'stacks', 'org', 'cdk.tf.json'), '{}');
    });
    expect(fs.readdirSync(path.join(out, 'stacks', 'org')).sort()).toEqual(['.terraform', 'cdk.tf.json']);
  });
});
