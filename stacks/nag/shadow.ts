import { App, Stack, Token, type CfnResource } from 'aws-cdk-lib';
import { deepIntrinsic, toIntrinsic, type LogicalIds } from './intrinsics';
import { MAPPERS, type ShadowContext } from './mappers';
import { resourcesOf, type SynthesizedStack, type TerraformResourceJson } from './terraform';

/** A synthesized resource the shadow could not (fully) represent: listed, never silently passed. */
export interface NotChecked {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly reason: string;
  readonly declaration?: string;
}

/** The CloudFormation shadow of the synthesized Terraform, and the way back from it. */
export interface Shadow {
  readonly app: App;
  /** Shadow construct path (`logging/aws_s3_bucket.log_archive_bucket`) -> the Terraform resource it stands for. */
  readonly origins: ReadonlyMap<string, TerraformResourceJson>;
  /** Every Terraform address of every stack (what acknowledgements may name). */
  readonly addresses: ReadonlyMap<string, TerraformResourceJson[]>;
  readonly notChecked: readonly NotChecked[];
}

/**
 * Builds one aws-cdk-lib Stack of L1 (Cfn*) resources per synthesized Terraform stack. Each
 * shadow resource has the Terraform address as construct id, so a cdk-nag finding's construct
 * path leads straight back to `stack` + `address`. Settings Terraform splits into separate
 * resources (S3 versioning, encryption, ... ; role policy attachments) are merged into their owner.
 */
export function buildShadow(stacks: readonly SynthesizedStack[]): Shadow {
  const app = new App({ autoSynth: false });
  const origins = new Map<string, TerraformResourceJson>();
  const addresses = new Map<string, TerraformResourceJson[]>();
  const notChecked: NotChecked[] = [];
  for (const synthesized of stacks) {
    const resources = resourcesOf(synthesized);
    for (const r of resources) addresses.set(r.address, [...(addresses.get(r.address) ?? []), r]);
    const scope = new Stack(app, shadowStackId(synthesized.name));
    const skip = (r: TerraformResourceJson, reason: string) =>
      notChecked.push({ stack: r.stack, address: r.address, type: r.type, reason, declaration: r.declaration });

    // Merged parts first: each finds its owner, or is reported.
    const parts = new Map<string, TerraformResourceJson[]>();
    const ids = new Map<string, string>();
    const used = new Set<string>();
    for (const r of resources) {
      const m = MAPPERS[r.type];
      if (!m) continue;
      if (m.kind === 'merged') {
        const owner = m.owner(r, resources);
        if (!owner || !resources.some((o) => o.address === owner)) skip(r, 'its owner resource is not a plain reference in this stack; merged nowhere');
        else parts.set(owner, [...(parts.get(owner) ?? []), r]);
      } else {
        let id = r.address.replace(/[^A-Za-z0-9]/g, '');
        while (used.has(id)) id = `${id}X`;
        used.add(id);
        ids.set(r.address, id);
      }
    }
    let current: TerraformResourceJson | undefined;
    const ctx: ShadowContext = {
      ids,
      partsOf: (address, type) => (parts.get(address) ?? []).filter((p) => p.type === type),
      cfn: (v) => propertyValue(v, ids),
      policy: (v) => {
        if (typeof v !== 'string') return undefined;
        try {
          return deepIntrinsic(JSON.parse(v), ids);
        } catch {
          if (current) skip(current, 'its policy is computed by Terraform (not a JSON literal): the statements are not checked');
          return undefined;
        }
      },
    };
    for (const r of resources) {
      const m = MAPPERS[r.type];
      if (!m) { skip(r, `no CloudFormation shadow for ${r.type}`); continue; }
      if (m.kind !== 'primary') continue;
      current = r;
      const cfn: CfnResource = m.build(scope, r.address, r, ctx);
      cfn.overrideLogicalId(ids.get(r.address)!);
      origins.set(cfn.node.path, r);
    }
  }
  return { app, origins, addresses, notChecked };
}

/** cdk stack ids allow letters, digits and '-'. */
function shadowStackId(name: string): string {
  return name.replace(/[^A-Za-z0-9-]/g, '-');
}

/** A property value: references become intrinsics, wrapped as string tokens where aws-cdk-lib types a string. */
function propertyValue(v: unknown, ids: LogicalIds): unknown {
  if (Array.isArray(v)) return v.map((x) => propertyValue(x, ids));
  if (typeof v !== 'string') return v;
  const converted = toIntrinsic(v, ids);
  return typeof converted === 'string' ? converted : Token.asString(converted);
}
