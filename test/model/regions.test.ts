import { AZ_LETTERS } from '../../model/network/regions';
import { partition } from '@aws-sdk/core/client';
import { isKnownRegion, partitionOf, regionProblem, regionsOfPartition } from '../../model/regions';
import { at, copyExample, edit, errorsOf, lineOf, removeCopies, replaceOnce } from './declaration-copy';

/*
 * Region names and partitions as AWS lists them:
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */

const ORG = 'accounts/organization.yaml';

afterAll(removeCopies);

describe('the region list (the AWS SDK partition data)', () => {
  it('knows commercial, China and GovCloud regions and their partitions', () => {
    expect(isKnownRegion('eu-west-1')).toBe(true);
    expect(isKnownRegion('il-central-1')).toBe(true);
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('us-east-1')).toBe('aws');
  });

  it('rejects names that only look like regions, and pseudo-regions', () => {
    for (const r of ['eu-wset-1', 'us-east-9', 'aws-global', 'EU-WEST-1']) expect({ r, known: isKnownRegion(r) }).toEqual({ r, known: false });
  });

  it('names the closest region of the partition', () => {
    expect(regionProblem('eu-wset-1')).toMatch(/'eu-wset-1' is not a region of the aws partition; did you mean 'eu-west-1'\?/);
    expect(regionProblem('cn-north-1', 'us-east-1')).toMatch(/aws-cn partition, the home region us-east-1 in aws/);
    expect(regionProblem('eu-west-1', 'us-east-1')).toBeUndefined();
  });

  // lzkit looks regions up in the SDK's partition data itself; the SDK's own partition() is the oracle.
  it('answers as the AWS SDK\'s partition() for every listed region and for names it does not list', () => {
    const listed = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-eusc'].flatMap(regionsOfPartition);
    expect(listed.length).toBeGreaterThan(30);
    for (const r of [...listed, 'eu-wset-1', 'us-east-9', 'cn-north-9', 'us-gov-east-7', 'xx-nowhere-1', 'aws-global']) {
      const sdk = partition(r) as unknown as { name: string; description?: string };
      expect({ r, partition: partitionOf(r), known: isKnownRegion(r) }).toEqual({ r, partition: sdk.name, known: sdk.description !== undefined && /^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(r) });
    }
  });

  it('every region of the AZ table is a region AWS has', () => {
    expect(Object.keys(AZ_LETTERS).filter((r) => !isKnownRegion(r))).toEqual([]);
  });
});

describe('regions in organization.yaml', () => {
  it('a typo in allowedRegions is an error with "did you mean", at its line', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('allowedRegions: [us-east-1, us-west-2, eu-west-1]', 'allowedRegions: [us-east-1, us-west-2, eu-wset-1]'));
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(at('UNKNOWN_REGION', ORG, lineOf(dir, ORG, 'eu-wset-1')));
    expect(errors.find((e) => e.code === 'UNKNOWN_REGION')?.message).toContain("did you mean 'eu-west-1'?");
  });

  it('a home region that does not exist is named once, not also as missing from allowedRegions', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('homeRegion: us-east-1', 'homeRegion: us-esat-1'));
    const codes = errorsOf(dir).map((e) => e.code);
    expect(codes).toContain('UNKNOWN_REGION');
    expect(codes).not.toContain('HOME_REGION_NOT_ALLOWED');
  });

  it('a region of another partition than the home region is an error', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('allowedRegions: [us-east-1, us-west-2, eu-west-1]', 'allowedRegions: [us-east-1, us-west-2, cn-north-1]'));
    expect(errorsOf(dir)).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_REGION', message: expect.stringMatching(/aws-cn partition/) }));
  });
});
