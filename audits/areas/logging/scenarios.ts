import type { DriftScenario, MutableSnapshot } from '../../sandbox/scenario';
import { need, partOf, read } from '../../sandbox/scenario';
import type { LiveLogging } from './snapshot';

const logging = (s: MutableSnapshot) => partOf<LiveLogging>(s, 'logging', 'logging');
const trail = (s: MutableSnapshot) => need(read(logging(s).trails, 'trails')[0], 'organization trail');
/** The trail's first basic selector: the stack's, or CloudTrail's default when it renders none. */
const selector = (s: MutableSnapshot) => need(read(trail(s).eventSelectors, 'event selectors').basic[0], 'event selector');
const bucket = (s: MutableSnapshot) => need(read(logging(s).bucket, 'log bucket'), 'log bucket');

/** Drift of the logging area, each on a deterministic victim. */
export const SCENARIOS: readonly DriftScenario[] = [
  { name: 'trail-stopped', description: 'logging of the organization trail is stopped (StopLogging)', apply: (s) => { trail(s).isLogging = false; } },
  { name: 'trail-single-region', description: 'the organization trail is made single-region', apply: (s) => { trail(s).isMultiRegionTrail = false; } },
  {
    name: 'trail-management-events-off', description: 'the organization trail\'s event selector stops including management events (IncludeManagementEvents false)',
    apply: (s) => { selector(s).includeManagementEvents = false; },
  },
  {
    name: 'bucket-public', description: 'the log bucket loses its public-access block and gets a public read statement',
    apply: (s) => {
      const b = bucket(s);
      b.publicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
      const doc = JSON.parse(read(b.policy, 'bucket policy') ?? '{"Version":"2012-10-17","Statement":[]}') as { Statement: unknown[] };
      doc.Statement.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b.name}/*` });
      b.policy = JSON.stringify(doc);
    },
  },
  {
    name: 'log-bucket-acls-enabled', description: 'the log bucket\'s object ownership is set to ObjectWriter: ACLs are enabled again',
    apply: (s) => { bucket(s).objectOwnership = 'ObjectWriter'; },
  },
];
