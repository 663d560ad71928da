import * as fs from 'fs';
import * as path from 'path';

/** What one synthesized stack holds, read back from its cdk.tf.json. */
export interface StackSummary {
  readonly name: string;
  /** Resource count per Terraform type, e.g. { aws_organizations_account: 11 }. */
  readonly resourcesByType: Readonly<Record<string, number>>;
  readonly resources: number;
  /** Import blocks: resources adopted rather than created. */
  readonly imports: number;
  /** Stacks whose state this one reads (cross-stack references). */
  readonly dependsOn: readonly string[];
}

interface StackJson {
  resource?: Record<string, Record<string, unknown>>;
  import?: unknown[];
  data?: { terraform_remote_state?: Record<string, unknown> };
}

/** Summarizes one stack's Terraform JSON (pure). */
export function summarizeStack(name: string, json: StackJson): StackSummary {
  const resourcesByType = Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, rs]) => [type, Object.keys(rs).length]));
  const prefix = 'cross-stack-reference-input-';
  return {
    name,
    resourcesByType,
    resources: Object.values(resourcesByType).reduce((a, b) => a + b, 0),
    imports: json.import?.length ?? 0,
    dependsOn: Object.keys(json.data?.terraform_remote_state ?? {}).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  };
}

/**
 * Reads every stack of a synthesized cdktf.out in deploy order: each stack after the stacks it
 * depends on, ties broken by `preferred` (the app's build order), then by name.
 */
export function readSynthesized(outdir: string, preferred: readonly string[] = []): StackSummary[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string; dependencies?: string[] }>;
  };
  const order = deployOrder(Object.fromEntries(Object.entries(manifest.stacks).map(([n, s]) => [n, s.dependencies ?? []])), preferred);
  return order.map((name) => summarizeStack(name,
    JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks[name].synthesizedStackPath), 'utf8')) as StackJson));
}

/** Topological order of stacks by their dependencies (pure); a cycle keeps the remaining ones in preferred order. */
export function deployOrder(dependencies: Readonly<Record<string, readonly string[]>>, preferred: readonly string[] = []): string[] {
  const rank = (n: string) => { const i = preferred.indexOf(n); return i < 0 ? preferred.length : i; };
  const pending = Object.keys(dependencies).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const done: string[] = [];
  while (pending.length) {
    const i = pending.findIndex((n) => dependencies[n].every((d) => done.includes(d) || !(d in dependencies)));
    done.push(...pending.splice(i < 0 ? 0 : i, 1));
  }
  return done;
}
