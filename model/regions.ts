import * as fs from 'fs';
import * as path from 'path';
import { suggest } from './organization';

/**
 * AWS regions, from the partition data the AWS SDK resolves endpoints from (the smithy endpoint
 * rules' partitions.json, shipped in @aws-sdk/core): the one list lzkit checks region names
 * against, so it stays as current as the SDK lzkit installs. The SDK exports only a lookup
 * (`partition(region)`), not the list, so the data file is read next to it.
 */
interface Partition {
  readonly id: string;
  readonly regionRegex: string;
  readonly regions: Readonly<Record<string, { readonly description?: string } | undefined>>;
}

let partitions: readonly Partition[] | undefined;

function loadPartitions(): readonly Partition[] {
  if (partitions) return partitions;
  const root = path.dirname(require.resolve('@aws-sdk/core/package.json'));
  const file = path.join(root, 'dist-es', 'submodules', 'client', 'util-endpoints', 'lib', 'aws', 'partitions.js');
  // The module is `export const partitionsInfo = { ...partitions.json... };`.
  const text = fs.readFileSync(file, 'utf8');
  const data = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as { partitions?: Partition[] };
  if (!Array.isArray(data.partitions) || !data.partitions.some((p) => p.id === 'aws')) {
    throw new Error(`lzkit: ${file} no longer holds the SDK's partitions; the @aws-sdk/core layout changed`);
  }
  partitions = data.partitions;
  return partitions;
}

/** Real region names only: the partition data also lists pseudo-regions such as `aws-global`. */
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

function regionsOf(p: Partition): string[] {
  return Object.keys(p.regions).filter((r) => REGION_NAME.test(r));
}

/** The partition (`aws`, `aws-cn`, `aws-us-gov`, ...) a region name belongs to, by its form. */
export function partitionOf(region: string): string | undefined {
  const all = loadPartitions();
  return (all.find((p) => regionsOf(p).includes(region)) ?? all.find((p) => new RegExp(p.regionRegex).test(region)))?.id;
}

/** Whether `region` is a region AWS has, in any partition. */
export function isKnownRegion(region: string): boolean {
  return REGION_NAME.test(region) && loadPartitions().some((p) => regionsOf(p).includes(region));
}

/** Every region of a partition, sorted. */
export function regionsOfPartition(id: string): string[] {
  const p = loadPartitions().find((x) => x.id === id);
  return p ? regionsOf(p).sort() : [];
}

/**
 * Why `region` is not usable, or undefined when it is: an unknown name (with the closest region
 * of its partition), or a region of another partition than `home`'s (an organization and its
 * accounts live in one partition).
 */
export function regionProblem(region: string, home?: string): string | undefined {
  const partition = partitionOf(region) ?? 'aws';
  if (!isKnownRegion(region)) {
    return `'${region}' is not a region of the ${partition} partition${suggest(region, regionsOfPartition(partition))}`;
  }
  const homePartition = home && isKnownRegion(home) ? partitionOf(home) : undefined;
  if (homePartition && partition !== homePartition) {
    return `'${region}' is in the ${partition} partition, the home region ${home} in ${homePartition}; an organization's regions are all in one partition`;
  }
  return undefined;
}
