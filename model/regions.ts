import * as fs from 'fs';
import * as path from 'path';
import { suggest } from './organization';

/**
 * AWS regions, from the partition data the AWS SDK resolves endpoints from (the smithy endpoint
 * rules' partitions.json, shipped in @aws-sdk/core): the one source lzkit checks region names
 * against, so it stays as current as the SDK lzkit installs. A known region is one the data
 * lists (with a description); its partition is the one listing it, else the first whose
 * regionRegex matches, else `aws`: the lookup of the SDK's own `partition(region)`. lzkit reads
 * the data file and looks up there because loading the SDK's client module for that one function
 * costs more than the rest of validation's start-up. Where the file is not there (the bundled
 * audit function), the SDK's function answers, and only the suggestions go.
 */

/** Real region names only: the partition data also lists pseudo-regions such as `aws-global`. */
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

interface Partition {
  readonly id: string;
  readonly regionRegex: string;
  readonly regions: Readonly<Record<string, { description?: string }>>;
}

let partitions: readonly Partition[] | undefined;

function partitionList(): readonly Partition[] {
  if (partitions) return partitions;
  try {
    const root = path.dirname(require.resolve('@aws-sdk/core/package.json'));
    // The module is `export const partitionsInfo = { ...partitions.json... };`.
    const text = fs.readFileSync(path.join(root, 'dist-es', 'submodules', 'client', 'util-endpoints', 'lib', 'aws', 'partitions.js'), 'utf8');
    partitions = (JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as { partitions?: Partition[] }).partitions ?? [];
  } catch {
    partitions = [];
  }
  return partitions;
}

/** The partition of a region and whether the data lists it, as the SDK's `partition(region)` finds it. */
function lookup(region: string): { id: string; listed: boolean } {
  const list = partitionList();
  if (!list.length) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const found = (require('@aws-sdk/core/client') as typeof import('@aws-sdk/core/client')).partition(region);
    return { id: found.name, listed: 'description' in (found as unknown as Record<string, unknown>) };
  }
  const listing = list.find((p) => Object.hasOwn(p.regions, region));
  if (listing) return { id: listing.id, listed: true };
  return { id: list.find((p) => new RegExp(p.regionRegex).test(region))?.id ?? 'aws', listed: false };
}

/** The partition (`aws`, `aws-cn`, `aws-us-gov`, ...) a region name belongs to, by its form. */
export function partitionOf(region: string): string {
  return lookup(region).id;
}

/** Whether `region` is a region AWS has, in any partition. */
export function isKnownRegion(region: string): boolean {
  return REGION_NAME.test(region) && lookup(region).listed;
}

/** Every region of a partition, sorted (empty where the SDK's data file is not installed). */
export function regionsOfPartition(id: string): string[] {
  const p = partitionList().find((x) => x.id === id);
  return p ? Object.keys(p.regions).filter((r) => REGION_NAME.test(r)).sort() : [];
}

/**
 * Why `region` is not usable, or undefined when it is: an unknown name (with the closest region
 * of its partition), or a region of another partition than `home`'s (an organization and its
 * accounts live in one partition).
 */
export function regionProblem(region: string, home?: string): string | undefined {
  const id = partitionOf(region);
  if (!isKnownRegion(region)) return `'${region}' is not a region of the ${id} partition${suggest(region, regionsOfPartition(id))}`;
  const homePartition = home && isKnownRegion(home) ? partitionOf(home) : undefined;
  if (homePartition && id !== homePartition) {
    return `'${region}' is in the ${id} partition, the home region ${home} in ${homePartition}; an organization's regions are all in one partition`;
  }
  return undefined;
}
