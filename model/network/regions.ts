/**
 * Availability Zone letters per region, as AWS documents them for new accounts. AZ names map to
 * different physical zones per account, but the set of letters a region offers is the same; a
 * region missing here is not checked (lzkit warns instead of guessing).
 */
export const AZ_LETTERS: Readonly<Record<string, string>> = Object.freeze({
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'ac',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-north-1': 'abc',
  'eu-south-1': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ap-south-1': 'abc',
  'sa-east-1': 'abc',
});

export type AzCheck = { ok: true } | { ok: false; reason: string } | { ok: 'unknown-region' };

/** Whether `az` is an AZ of `region` (`us-east-1a` belongs to `us-east-1` if `a` is one of its letters). */
export function checkAz(region: string, az: string): AzCheck {
  const letters = AZ_LETTERS[region];
  if (!az.startsWith(region) || az.length !== region.length + 1) {
    return { ok: false, reason: `'${az}' is not an AZ of ${region}; AZ names are the region followed by one letter (${region}a)` };
  }
  if (!letters) return { ok: 'unknown-region' };
  const letter = az.slice(region.length);
  return letters.includes(letter)
    ? { ok: true }
    : { ok: false, reason: `${region} has no AZ '${az}'; its AZs are ${[...letters].map((l) => region + l).join(', ')}` };
}
