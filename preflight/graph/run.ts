import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { locate, type PreflightFinding } from '../finding';
import type { StackView } from '../synthesized';
import { originalAddress, standInConfig } from './stand-in';

export const GRAPH_RULE = 'terraform-plan';
export const GRAPH_DOC = 'https://developer.hashicorp.com/terraform/language/resources/terraform-data';
export const MINIMUM_TERRAFORM = '1.5.0';

/** What the graph check did: how long, and with which Terraform. */
export interface GraphCheck {
  readonly findings: PreflightFinding[];
  readonly terraform?: string;
  /** The local provider plugins `terraform validate` used, when there were any. */
  readonly plugins?: string;
  readonly skipped?: string;
  readonly millis: number;
}

interface Run { code: number; stdout: string; stderr: string; missing?: boolean }

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout: String(stdout), stderr: String(stderr), missing: e?.code === 'ENOENT' });
    });
  });
}

/** `1.11.4` >= `1.5.0`. */
export function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** The Terraform version on PATH, or undefined when there is none. */
export async function terraformVersion(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const r = await run('terraform', ['version', '-json'], os.tmpdir(), env);
  if (r.missing || r.code !== 0) return undefined;
  try {
    return (JSON.parse(r.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

/**
 * Terraform's own judgement of each stack's graph: `terraform init` and `terraform plan` of the
 * provider-free stand-in (graph/stand-in.ts) in a scratch folder per stack, two stacks at a
 * time. Needs terraform >= 1.5 on PATH; without it the check is skipped with one warning.
 */
export async function checkGraph(stacks: readonly StackView[], env: NodeJS.ProcessEnv = process.env, concurrency = 2): Promise<GraphCheck> {
  const started = Date.now();
  const version = await terraformVersion(env);
  if (!version || !atLeast(version, MINIMUM_TERRAFORM)) {
    const skipped = `graph check skipped: it needs terraform >= ${MINIMUM_TERRAFORM} on PATH (${version ? `found ${version}` : 'none found'})`;
    return { findings: [{ rule: GRAPH_RULE, level: 'warning', stack: '', resource: '', file: '', line: 0, message: skipped, doc: GRAPH_DOC }], skipped, millis: Date.now() - started };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-graph-'));
  // Offline and quiet: no provider to fetch, no checkpoint call, no CLI configuration needed.
  const tfEnv: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_CLI_CONFIG_FILE: path.join(root, 'terraformrc') };
  fs.writeFileSync(path.join(root, 'terraformrc'), '');
  try {
    const findings: PreflightFinding[] = [];
    const plugins = localProviderPlugins(env);
    const queue = [...stacks];
    const worker = async (): Promise<void> => {
      for (let stack = queue.shift(); stack; stack = queue.shift()) {
        findings.push(...(await planStack(stack, root, tfEnv)));
        if (plugins) findings.push(...(await validateStack(stack, root, tfEnv, plugins)));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    const order = new Map(stacks.map((s, i) => [s.name, i]));
    findings.sort((a, b) => (order.get(a.stack) ?? 0) - (order.get(b.stack) ?? 0));
    return { findings, terraform: version, plugins, millis: Date.now() - started };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * A folder of provider plugins that holds the AWS provider (the plugin cache or the implied local
 * mirror), for `terraform validate` of the real stacks on a machine that has it.
 */
export function localProviderPlugins(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const home = env.HOME ?? os.homedir();
  const candidates = [env.TF_PLUGIN_CACHE_DIR, path.join(home, '.terraform.d', 'plugin-cache'), path.join(home, '.terraform.d', 'plugins')];
  return candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'registry.terraform.io', 'hashicorp', 'aws')));
}

/** `terraform validate` of the real stack with the local AWS provider plugins only (no download, no backend). */
async function validateStack(stack: StackView, root: string, env: NodeJS.ProcessEnv, plugins: string): Promise<PreflightFinding[]> {
  const dir = path.join(root, `${stack.name}.validate`);
  fs.mkdirSync(dir);
  const { terraform, ...rest } = stack.json as { terraform?: Record<string, unknown> };
  const { backend: _backend, ...settings } = terraform ?? {};
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ ...rest, terraform: settings }, null, 2));
  const assets = stack.folder ? path.join(stack.folder, 'assets') : undefined;
  if (assets && fs.existsSync(assets)) fs.symlinkSync(assets, path.join(dir, 'assets'), 'dir');
  const init = await run('terraform', ['init', '-backend=false', '-input=false', '-no-color', `-plugin-dir=${plugins}`], dir, env);
  if (init.code !== 0) {
    const first = (init.stderr || init.stdout).replace(/^[│╷╵] ?/gm, '').split('\n').find((l) => l.startsWith('Error: ')) ?? 'terraform init failed';
    return [{ rule: GRAPH_RULE, level: 'warning', stack: stack.name, resource: '', file: '', line: 0, message: `terraform validate of stack ${stack.name} skipped: the provider plugins in ${plugins} do not satisfy it (${first})`, doc: GRAPH_DOC }];
  }
  const v = await run('terraform', ['validate', '-no-color'], dir, env);
  return v.code === 0 ? [] : errorsOf(stack, v.stderr || v.stdout, 'terraform validate');
}

async function planStack(stack: StackView, root: string, env: NodeJS.ProcessEnv): Promise<PreflightFinding[]> {
  const dir = path.join(root, stack.name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(standInConfig(stack), null, 2));
  // Functions such as filebase64sha256 read the stack's assets, relative to its folder.
  const assets = stack.folder ? path.join(stack.folder, 'assets') : undefined;
  if (assets && fs.existsSync(assets)) fs.symlinkSync(assets, path.join(dir, 'assets'), 'dir');
  const init = await run('terraform', ['init', '-backend=false', '-input=false', '-no-color'], dir, env);
  if (init.code !== 0) return errorsOf(stack, init.stderr || init.stdout, 'terraform init');
  const plan = await run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false'], dir, env);
  return plan.code === 0 ? [] : errorsOf(stack, plan.stderr || plan.stdout, 'terraform plan');
}

/**
 * Terraform's `Error:` blocks, one finding each (repeats merged): the summary and the detail
 * Terraform gives, with stand-in names turned back into the stack's addresses.
 */
export function errorsOf(stack: StackView, output: string, step: string): PreflightFinding[] {
  const plain = output.replace(/^[│╷╵] ?/gm, '');
  const blocks = plain.split(/\n(?=Error: )/).filter((b) => b.startsWith('Error: ') || b.includes('\nError: '));
  const seen = new Set<string>();
  const out: PreflightFinding[] = [];
  for (const b of blocks.length ? blocks : [plain]) {
    const paragraphs = b.slice(b.indexOf('Error: ')).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const summary = paragraphs[0]?.replace(/^Error: /, '') ?? b.trim();
    const standIn = /in resource\.terraform_data\.([A-Za-z0-9_-]+)|resource "terraform_data" "([A-Za-z0-9_-]+)"/.exec(b);
    const detail = paragraphs.slice(1).filter((p) => !/^on .+ line \d+/.test(p)).join(' ');
    const text = unStandIn(`${summary}${detail ? `: ${detail}` : ''}`).replace(/\s+/g, ' ');
    const address = standIn ? originalAddress(standIn[1] ?? standIn[2]) : '';
    const key = `${address}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: GRAPH_RULE, level: 'error', stack: stack.name, resource: address, ...locate(stack, address), message: `${step} of stack ${stack.name} fails${address ? ` at ${address}` : ''}: ${text.slice(0, 600)}`, doc: GRAPH_DOC });
  }
  return out;
}

function unStandIn(text: string): string {
  return text.replace(/terraform_data\.([A-Za-z0-9_-]+)(\.output)?/g, (_m, n: string) => originalAddress(n));
}
