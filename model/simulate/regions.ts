import { partition } from '@aws-sdk/core/client';

/**
 * Whether `region` is a region AWS has (in any partition). The SDK's endpoint partition data is
 * the list the AWS SDK itself resolves endpoints from, so it stays current with the SDK version;
 * a known region carries a description there, a name that only fits the pattern does not.
 */
export function isKnownRegion(region: string): boolean {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return false;
  return 'description' in (partition(region) as unknown as Record<string, unknown>);
}
