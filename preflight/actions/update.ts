/**
 * Regenerates pike-aws.json, the IAM actions of every Terraform resource type lzkit emits, from
 * the pike project's mapping (Apache-2.0):
 *
 *   node bin/run-ts.js preflight/actions/update.ts [PATH/TO/pike-aws-mapping]
 *
 * The default path is ../shared/data/pike-aws-mapping beside the repository. The types come
 * from the provider classes stacks/ imports, the CloudFormation types of StackSet templates,
 * and EXPECTED_TYPES. Actions are checked against the IAM catalog (iam-data, from the Service
 * Authorization Reference): a name the catalog does not know is dropped and listed, and each
 * kept name takes the catalog's spelling.
 */
import * as fs from 'fs';
import * as path from 'path';
import { actionsOf, lookupAction } from '../../model/iam-catalog';
import { CLOUDFORMATION_TO_TERRAFORM } from './cloudformation';
import { ACTIONS_FILE, type ActionTable, type ResourceActions } from './table';

const ROOT = path.join(__dirname, '..', '..');

/** The pike commit the mapping was copied from (../shared/data/pike-aws-mapping/README.md). */
export const PIKE_SOURCE = {
  repository: 'https://github.com/JamesWoolfenden/pike',
  folder: 'src/mapping/aws',
  commit: '085701b0937c02379ffa7fb990d9218fc803ecbf',
  license: 'Apache-2.0',
};

/**
 * Types a documented stack shape uses that stacks/ may not import yet (the organization admin
 * accounts of IPAM, GuardDuty and Security Hub, RAM sharing, the SNS topic policy, the live
 * organization's data source), so a stack that starts using them is covered from the start.
 */
export const EXPECTED_TYPES = [
  'aws_sns_topic_policy', 'aws_ram_sharing_with_organization', 'aws_vpc_ipam_organization_admin_account',
  'aws_guardduty_organization_admin_account', 'aws_securityhub_organization_admin_account', 'aws_guardduty_detector',
  'aws_securityhub_account', 'aws_vpc_ipam_pool_cidr_allocation', 'aws_iam_role_policy', 'aws_kms_key_policy',
  'data.aws_organizations_organization',
];

/** Every Terraform type lzkit's stacks can emit: `aws_x` for resources, `data.aws_x` for data sources. */
export function emittedTypes(stacksDir = path.join(ROOT, 'stacks')): string[] {
  const out = new Set<string>(EXPECTED_TYPES);
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)) {
          if (m[1] === 'provider') continue;
          const data = m[1].startsWith('data-aws-');
          out.add(data ? `data.aws_${m[1].slice('data-aws-'.length).replace(/-/g, '_')}` : `aws_${m[1].replace(/-/g, '_')}`);
        }
      }
    }
  };
  walk(stacksDir);
  for (const t of Object.values(CLOUDFORMATION_TO_TERRAFORM)) out.add(t);
  return [...out].sort();
}

/** One pike entry, its actions checked against the IAM catalog. */
function canonical(actions: unknown, dropped: Set<string>): string[] {
  const out = new Set<string>();
  for (const a of Array.isArray(actions) ? actions : []) {
    if (typeof a !== 'string') continue;
    const [service, name] = a.split(':');
    if (lookupAction(a).kind !== 'ok' || /[*?]/.test(a)) { dropped.add(a); continue; }
    const spelled = actionsOf(service).find((x) => x.toLowerCase() === name.toLowerCase());
    out.add(`${service.toLowerCase()}:${spelled ?? name}`);
  }
  return [...out].sort();
}

function findEntry(pikeDir: string, kind: 'resource' | 'data', type: string): string | undefined {
  const base = path.join(pikeDir, kind);
  for (const service of fs.readdirSync(base)) {
    const f = path.join(base, service, `${type}.json`);
    if (fs.existsSync(f)) return f;
  }
  return undefined;
}

export function buildTable(pikeDir: string, types: readonly string[]): { table: ActionTable; missing: string[]; dropped: string[] } {
  const resources: Record<string, ResourceActions> = {};
  const dataSources: Record<string, ResourceActions> = {};
  const missing: string[] = [];
  const dropped = new Set<string>();
  for (const t of types) {
    const data = t.startsWith('data.');
    const type = data ? t.slice(5) : t;
    const file = findEntry(pikeDir, data ? 'data' : 'resource', type);
    if (!file) { missing.push(t); continue; }
    const entry = (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[])[0] ?? {};
    const attributes = Object.fromEntries(Object.entries((entry.attributes ?? {}) as Record<string, unknown>)
      .map(([k, v]) => [k, canonical(v, dropped)] as const).filter(([, v]) => v.length));
    const actions: ResourceActions = {
      plan: canonical(entry.plan, dropped), apply: canonical(entry.apply, dropped),
      modify: canonical(entry.modify, dropped), destroy: canonical(entry.destroy, dropped), attributes,
    };
    (data ? dataSources : resources)[type] = actions;
  }
  return { table: { source: PIKE_SOURCE, resources, dataSources }, missing, dropped: [...dropped].sort() };
}

/** Writes the table from the pike mapping in `pikeDir`; 2 when the folder holds none. */
function update(pikeDir: string): number {
  if (!fs.existsSync(path.join(pikeDir, 'resource'))) {
    process.stderr.write(`update: ${pikeDir} holds no pike mapping (resource/<service>/<type>.json); pass its folder\n`);
    return 2;
  }
  const { table, missing, dropped } = buildTable(pikeDir, emittedTypes());
  fs.writeFileSync(path.join(__dirname, ACTIONS_FILE), `${JSON.stringify(table, null, 2)}\n`);
  process.stdout.write(`wrote ${ACTIONS_FILE}: ${Object.keys(table.resources).length} resource types, ${Object.keys(table.dataSources).length} data sources\n`);
  if (missing.length) process.stdout.write(`no pike entry (add one by hand or ask upstream): ${missing.join(', ')}\n`);
  if (dropped.length) process.stdout.write(`dropped, not in the IAM catalog: ${dropped.join(', ')}\n`);
  return 0;
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  process.exitCode = update(path.resolve(process.argv[2] ?? path.join(ROOT, '..', 'shared', 'data', 'pike-aws-mapping')));
}
