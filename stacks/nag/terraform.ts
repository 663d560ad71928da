import * as fs from 'fs';
import * as path from 'path';
import { declarationOf } from '../constructs/provenance';

/** One resource of a synthesized stack, as Terraform sees it. */
export interface TerraformResourceJson {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `type.name`: what `terraform plan` prints and acknowledgements name. */
  readonly address: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** cdktf construct path (`logging/LogArchive/Logs/Resource`). */
  readonly constructPath?: string;
  /** Declaration line that produced it (`accounts/logging.yaml:5:3`), when its stack recorded one. */
  readonly declaration?: string;
}

/** A synthesized stack: its name and the `cdk.tf.json` document. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: Readonly<Record<string, unknown>>;
}

/** Every resource of a synthesized stack, in a stable order. */
export function resourcesOf(stack: SynthesizedStack): TerraformResourceJson[] {
  const byType = (stack.json.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const out: TerraformResourceJson[] = [];
  for (const type of Object.keys(byType).sort()) {
    for (const name of Object.keys(byType[type]).sort()) {
      const body = byType[type][name];
      const meta = (body['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
      out.push({ stack: stack.name, type, name, address: `${type}.${name}`, body, constructPath: meta?.path, declaration: declarationOf(body) });
    }
  }
  return out;
}

/** Reads cdktf.out/stacks/<name>/cdk.tf.json (what `lzkit synth` / `cdktf synth` wrote). */
export function readSynthesized(outdir: string): SynthesizedStack[] {
  const stacksDir = path.join(outdir, 'stacks');
  const names = fs.statSync(stacksDir, { throwIfNoEntry: false })?.isDirectory()
    ? fs.readdirSync(stacksDir).sort().filter((n) => fs.existsSync(path.join(stacksDir, n, 'cdk.tf.json')))
    : [];
  if (!names.length) throw new Error(`no synthesized stacks in ${stacksDir}; run lzkit synth first (or pass the folder lzkit synth --out wrote)`);
  return names.map((name) => {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file} is not valid JSON (${(e as Error).message.split('\n')[0]}); run lzkit synth again`);
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file} is not a synthesized Terraform stack (expected a JSON object); run lzkit synth again`);
    return { name, json: json as Record<string, unknown> };
  });
}
