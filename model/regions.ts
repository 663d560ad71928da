import * as fs from 'fs';
import * as path from 'path';
import { partition } from '@aws-sdk/core/client';
import { suggest } from './organization';

/**
 * AWS regions, from the partition data the AWS SDK resolves endpoints from (the smithy endpoint
 * rules' partitions.json, shipped in @aws-sdk/core): the one source lzkit checks region names
 * against, so it stays as current as the SDK lzkit installs. The SDK's `partition(region)` says
 * whether a region is known (a known region carries a description) and its partition; the list
 * of a partition's regions, for "did you mean", is read from the same data next to it (the SDK
 * exports no list). Where that file is not there (the bundled audit function), the checks stand
 * and only the suggestions go.
 */

/** Real region names only: the partition data also lists pseudo-regions such as `aws-global`. */
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

interface Partition {
  readonly id: string;
  readonly regions: Readonly<Record<string, unknown>>;
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

/** The partition (`aws`, `aws-cn`, `aws-us-gov`, ...) a region name belongs to, by its form. */
export function partitionOf(region: string): string {
  return partition(region).name;
}

/** Whether `region` is a region AWS has, in any partition. */
export function isKnownRegion(region: string): boolean {
  return REGION_NAME.test(region) && 'description' in (partition(region) as unknown as Record<string, unknown>);
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
