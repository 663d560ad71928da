import type { CfnResource, Stack } from 'aws-cdk-lib';
import type { TerraformResourceJson } from '../terraform';
import type { LogicalIds } from '../intrinsics';

/** What a mapper may read while building the shadow of one stack. */
export interface ShadowContext {
  readonly ids: LogicalIds;
  /** Resources merged into the owner at `address` (S3 settings into their bucket, attachments into their role). */
  partsOf(address: string, type: string): readonly TerraformResourceJson[];
  /** Converts Terraform interpolations in any JSON value. */
  cfn(value: unknown): unknown;
  /** Parses a JSON policy string (after conversion); undefined when Terraform computes it (data source, function). */
  policy(value: unknown): unknown;
}

/** A Terraform type that becomes one CloudFormation resource of the shadow. */
export interface PrimaryMapper {
  readonly kind: 'primary';
  build(scope: Stack, id: string, r: TerraformResourceJson, ctx: ShadowContext): CfnResource;
}

/** A Terraform type whose settings belong to another resource (CloudFormation has no resource of its own for them). */
export interface MergedMapper {
  readonly kind: 'merged';
  /** Address of the resource it is merged into, or undefined when its reference cannot be resolved. */
  owner(r: TerraformResourceJson, all: readonly TerraformResourceJson[]): string | undefined;
}

export type Mapper = PrimaryMapper | MergedMapper;

/** A Terraform block: cdktf writes single blocks as objects and repeated ones as lists. */
export function blocks(v: unknown): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as Record<string, unknown>[];
}

export function block(v: unknown): Record<string, unknown> | undefined {
  return blocks(v)[0];
}

/** Finds the owner by reference (`${type.name.attr}`) or by a literal attribute value. */
export function ownerByReferenceOrValue(value: unknown, type: string, attribute: string, all: readonly TerraformResourceJson[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z0-9_]+\}$/.exec(value);
  if (m) return m[1] === type ? `${m[1]}.${m[2]}` : undefined;
  return all.find((r) => r.type === type && r.body[attribute] === value)?.address;
}
