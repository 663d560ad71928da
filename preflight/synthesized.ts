import { resourcesOf, type SynthesizedStack, type TerraformResourceJson } from '../stacks/nag/terraform';
import { deployOrder } from '../stacks/summary';

export type { SynthesizedStack, TerraformResourceJson };

/** An AWS provider block of a synthesized stack. */
export interface ProviderBlock {
  /** `aws` or `aws.<alias>`: what a resource's `provider` argument names. */
  readonly ref: string;
  readonly alias?: string;
  readonly region?: string;
  /** The role the provider assumes (absent: the caller's own credentials, the management account). */
  readonly assumeRoleArn?: string;
  readonly allowedAccountIds?: readonly string[];
}

/** One stack as preflight reads it: resources, data sources, providers, imports, in deploy order. */
export interface StackView {
  readonly name: string;
  readonly json: Readonly<Record<string, unknown>>;
  readonly resources: readonly TerraformResourceJson[];
  readonly data: readonly TerraformResourceJson[];
  readonly providers: readonly ProviderBlock[];
  /** Addresses that an `import` block adopts rather than creates. */
  readonly imports: ReadonlySet<string>;
  /** Stacks whose outputs this one reads (cdktf cross-stack references). */
  readonly dependsOn: readonly string[];
  /** The folder cdk.tf.json was written to (with the stack's assets), while it exists. */
  readonly folder?: string;
}

const CROSS_STACK_INPUT = 'cross-stack-reference-input-';

/**
 * The synthesized stacks in deploy order (each after the stacks it reads; ties in `preferred`
 * order, the app's build order). Pure: reads only the Terraform JSON.
 */
export function viewStacks(stacks: readonly SynthesizedStack[], preferred: readonly string[] = []): StackView[] {
  const views = new Map(stacks.map((s) => [s.name, viewStack(s)]));
  const order = deployOrder(Object.fromEntries([...views].map(([n, v]) => [n, v.dependsOn])), preferred);
  return order.map((n) => views.get(n)!);
}

export function viewStack(stack: SynthesizedStack): StackView {
  const json = stack.json;
  const dataBlocks = (json.data ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const data: TerraformResourceJson[] = [];
  for (const type of Object.keys(dataBlocks).sort()) {
    for (const name of Object.keys(dataBlocks[type]).sort()) {
      data.push({ stack: stack.name, type, name, address: `data.${type}.${name}`, body: dataBlocks[type][name] });
    }
  }
  const awsProviders = ((json.provider ?? {}) as { aws?: Record<string, unknown>[] }).aws ?? [];
  const providers = awsProviders.map((p): ProviderBlock => {
    const alias = typeof p.alias === 'string' ? p.alias : undefined;
    const assume = Array.isArray(p.assume_role) ? (p.assume_role[0] as { role_arn?: unknown } | undefined) : undefined;
    const allowed = Array.isArray(p.allowed_account_ids) ? p.allowed_account_ids.filter((x): x is string => typeof x === 'string') : undefined;
    return {
      ref: alias ? `aws.${alias}` : 'aws', alias, region: typeof p.region === 'string' ? p.region : undefined,
      assumeRoleArn: typeof assume?.role_arn === 'string' ? assume.role_arn : undefined, allowedAccountIds: allowed,
    };
  });
  const imports = new Set(((json.import ?? []) as { to?: unknown }[]).map((i) => i.to).filter((t): t is string => typeof t === 'string'));
  const dependsOn = Object.keys(dataBlocks.terraform_remote_state ?? {}).filter((k) => k.startsWith(CROSS_STACK_INPUT)).map((k) => k.slice(CROSS_STACK_INPUT.length));
  return { name: stack.name, json, resources: resourcesOf(stack), data, providers, imports, dependsOn };
}

/** The provider block a resource uses (`provider` argument, or the default `aws`). */
export function providerOf(stack: StackView, r: TerraformResourceJson): ProviderBlock | undefined {
  const ref = typeof r.body.provider === 'string' ? r.body.provider : 'aws';
  return stack.providers.find((p) => p.ref === ref);
}

/** Whether a provider acts in the management account: no role assumed. */
export function isManagementProvider(p: ProviderBlock | undefined): boolean {
  return p !== undefined && p.assumeRoleArn === undefined;
}

const INTERPOLATION = /\$\{([^}]*)\}/g;
const ADDRESS = /\b(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** Every resource or data-source address an argument value refers to through `${...}`. */
export function referencesIn(value: unknown): Set<string> {
  const out = new Set<string>();
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  for (const m of text.matchAll(INTERPOLATION)) {
    for (const a of m[1].matchAll(ADDRESS)) {
      if (a[2] === 'var' || a[2] === 'local' || a[2] === 'each' || a[2] === 'count' || a[2] === 'path' || a[2] === 'self') continue;
      out.add(`${a[1] ?? ''}${a[2]}.${a[3]}`);
    }
  }
  return out;
}

/** The arguments of a resource, without Terraform's comment block and meta-arguments. */
export function argumentsOf(r: TerraformResourceJson): Record<string, unknown> {
  const { '//': _comment, depends_on: _dependsOn, lifecycle: _lifecycle, provider: _provider, ...args } = r.body as Record<string, unknown>;
  return args;
}

/** Whether `r` waits for `address`: it refers to it in an argument or lists it in depends_on. */
export function waitsFor(r: TerraformResourceJson, address: string): boolean {
  const dependsOn = Array.isArray(r.body.depends_on) ? (r.body.depends_on as unknown[]) : [];
  return dependsOn.includes(address) || referencesIn(argumentsOf(r)).has(address);
}

/** Every resource of every stack, with its stack. */
export function allResources(stacks: readonly StackView[]): { stack: StackView; resource: TerraformResourceJson }[] {
  return stacks.flatMap((stack) => stack.resources.map((resource) => ({ stack, resource })));
}

/** A string argument, or undefined when absent or not a string. */
export function str(body: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

/** A nested block that cdktf writes either as an object or as a one-element list. */
export function block(body: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> | undefined {
  const v = body[key];
  const first = Array.isArray(v) ? v[0] : v;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

/** A list argument of strings (a single string counts as a one-element list). */
export function strings(body: Readonly<Record<string, unknown>>, key: string): string[] | undefined {
  const v = body[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}
