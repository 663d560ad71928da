import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a person's shell: what `npm test` adds for its own scripts (the lifecycle
 * and this package's fields) must not leak into the npm and lzkit runs of another repository.
 */
export function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_lifecycle_|npm_package_|npm_config_(?!cache$|userconfig$))/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs a command to its end (stdin closed, as in CI). */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = shellEnv(), timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** Starts a long-running command; its output is collected on the returned object. */
export function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = shellEnv()): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  return { child, output: () => output };
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether something accepts TCP connections at an http://host:port endpoint. */
export function answers(endpoint: string): Promise<boolean> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** KEY=value lines. */
export function readEnvFile(file: string): Record<string, string> {
  return Object.fromEntries(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/**
 * A lock file for a new repository that depends on the packed lzkit tarball, made from lzkit's
 * own package-lock.json: every package with its resolved address and integrity, so npm installs
 * from its cache with no network. (Without a lock file npm asks the registry for each package's
 * metadata, which `npm ci` never caches.) npm itself decides the tree from it and prunes what the
 * repository does not need.
 */
export function lockFileFor(repoName: string, tarballSpec: string): { packageJson: object; lock: object } {
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const lzkit = own.packages[''];
  const dependencies = { lzkit: tarballSpec };
  const packages: Record<string, unknown> = {
    '': { name: repoName, version: '1.0.0', dependencies },
    'node_modules/lzkit': {
      version: lzkit.version, resolved: tarballSpec, license: lzkit.license, dependencies: lzkit.dependencies, bin: lzkit.bin, engines: lzkit.engines,
    },
  };
  for (const [key, entry] of Object.entries(own.packages)) if (key) packages[key] = entry;
  return {
    packageJson: { name: repoName, version: '1.0.0', dependencies },
    lock: { name: repoName, version: '1.0.0', lockfileVersion: 3, requires: true, packages },
  };
}
