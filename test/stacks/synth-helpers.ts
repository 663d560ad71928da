import { desiredState } from '../../desired';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify, parse } from 'yaml';
import type { LandingZone } from '../../model';
import { App } from '../../stacks/cdktf';
import { accountStacks } from '../../stacks/accounts';
import { stackContext } from '../../stacks/context';
import { delegatedAdministratorsStack } from '../../stacks/delegated-administrators';
import { guardrailsStack } from '../../stacks/guardrails';
import { organizationStack } from '../../stacks/organization';

export const REPO = path.join(__dirname, '..', '..');

/** A synthesized stack: its Terraform JSON and helpers to reach resources by type. */
export interface SynthesizedStack {
  readonly raw: string;
  readonly json: {
    resource: Record<string, Record<string, Record<string, unknown>>>;
    import?: { id: string; to: string }[];
    data?: Record<string, Record<string, unknown>>;
    output?: Record<string, { value: unknown }>;
    terraform: { backend: Record<string, Record<string, unknown>> };
  };
  resources(type: string): Record<string, Record<string, unknown>>;
}

/**
 * Synthesizes the organization, account, delegated administrator and guardrails stacks as one app (cross-stack references are
 * wired only by an app synth), without the other stacks so that this area tests only itself.
 */
export function synthAll(lz: LandingZone): SynthesizedApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-synth-'));
  const app = new App({ outdir });
  const ctx = stackContext(app, lz, desiredState(lz));
  organizationStack(ctx);
  accountStacks(ctx);
  delegatedAdministratorsStack(ctx);
  guardrailsStack(ctx);
  app.synth();
  const read = (name: string): SynthesizedStack => {
    const raw = fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
    const json = JSON.parse(raw) as SynthesizedStack['json'];
    return { raw, json, resources: (type) => json.resource[type] ?? {} };
  };
  const names = fs.readdirSync(path.join(outdir, 'stacks')).sort();
  return Object.assign(read, {
    names,
    family(prefix: string): Record<string, Record<string, Record<string, unknown>>> {
      const out: Record<string, Record<string, Record<string, unknown>>> = {};
      for (const n of names.filter((x) => x.startsWith(`${prefix}-`))) {
        for (const [type, rs] of Object.entries(read(n).json.resource ?? {})) out[type] = { ...out[type], ...rs };
      }
      return out;
    },
  });
}

/** The synthesized app: a stack by name, every stack's name, and the resources of a family of shard stacks by type. */
export type SynthesizedApp = ((stack: string) => SynthesizedStack) & {
  readonly names: readonly string[];
  /** Resources by type of every `<prefix>-*` stack (`accounts`, `guardrails`). */
  family(prefix: string): Record<string, Record<string, Record<string, unknown>>>;
};

/** A copy of the example declaration in a temp folder, with `edit` applied to its YAML files. */
export function exampleCopy(edit: (files: Record<string, Record<string, unknown>>) => void = () => undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-decl-'));
  for (const folder of ['accounts', 'policies']) {
    if (fs.existsSync(path.join(REPO, folder))) fs.cpSync(path.join(REPO, folder), path.join(dir, folder), { recursive: true });
  }
  const files: Record<string, Record<string, unknown>> = {};
  for (const f of fs.readdirSync(path.join(dir, 'accounts')).filter((n) => n.endsWith('.yaml'))) {
    files[f] = parse(fs.readFileSync(path.join(dir, 'accounts', f), 'utf8')) as Record<string, unknown>;
  }
  edit(files);
  for (const [f, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'accounts', f), stringify(data));
  return dir;
}
