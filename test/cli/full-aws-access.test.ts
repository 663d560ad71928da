import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startSandbox, type Sandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { got } from '../audits/fixtures';
import { exampleLandingZone, ROOT_DIR, STATIC_CREDENTIALS } from '../audits/fixtures';

/*
 * `lzkit full-aws-access attach|detach` is what the guardrails stack runs to place AWS's
 * FullAWSAccess where the declaration says. Against the sandbox's Organizations, with the errors the
 * API reference documents: https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html
 * ("Every root, OU, and account must have at least one SCP attached"),
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html.
 */

const LZKIT = path.join(ROOT_DIR, 'bin', 'lzkit.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-faa-'));
let sandbox: Sandbox;
const seed = snapshotFromDeclaration(exampleLandingZone());

beforeAll(async () => { sandbox = await startSandbox({ snapshot: seed }); });
afterAll(async () => {
  await sandbox.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    HOME: tmp, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: path.join(tmp, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'none'),
    AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: sandbox.endpoint, AWS_ACCESS_KEY_ID: STATIC_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: STATIC_CREDENTIALS.secretAccessKey,
  });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LZKIT, 'full-aws-access', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const fullAwsAccessTargets = () => got(got(sandbox.world.snapshot.policies).find((p) => p.id === 'p-FullAWSAccess')!.targets);

describe('lzkit full-aws-access', () => {
  const sandboxOu = got(seed.organizationalUnits).find((o) => o.path === 'Sandbox')!.id;

  it('detaches FullAWSAccess from an OU that carries lzkit\'s SCPs, and does it only once', async () => {
    expect(fullAwsAccessTargets()).toContain(sandboxOu);
    const first = await run(['detach', '--target-id', sandboxOu]);
    expect(first).toMatchObject({ code: 0, stdout: `detached FullAWSAccess from ${sandboxOu}\n` });
    expect(fullAwsAccessTargets()).not.toContain(sandboxOu);
    expect(await run(['detach', '--target-id', sandboxOu])).toMatchObject({ code: 0, stdout: `FullAWSAccess was already detached from ${sandboxOu}\n` });
  });

  it('attaches it again (the declaration no longer detaches it there)', async () => {
    expect(await run(['attach', '--target-id', sandboxOu])).toMatchObject({ code: 0, stdout: `attached FullAWSAccess to ${sandboxOu}\n` });
    expect(fullAwsAccessTargets()).toContain(sandboxOu);
  });

  it('refuses to detach a target\'s last SCP, as AWS does: exit 2, one line naming the cause', async () => {
    const account = got(seed.accounts).find((a) => a.name === 'sandbox-alice')!.id;
    const r = await run(['detach', '--target-id', account]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^lzkit: could not detach FullAWSAccess on ${account}: ConstraintViolationException: .*MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED`))]);
  });

  it('checks its arguments before calling AWS', async () => {
    expect(await run(['remove', '--target-id', sandboxOu])).toMatchObject({ code: 2, stderr: "lzkit: action must be attach or detach, got 'remove'\n" });
    expect((await run(['detach', '--target-id', 'not-an-id'])).stderr).toMatch(/^lzkit: --target-id must be a root, OU or account id/);
  });
});
