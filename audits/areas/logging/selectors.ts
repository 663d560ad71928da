import { trailEventSelectors, type DesiredTrail } from '../../../desired';
import type { ReadView } from '../../drift/unread';
import type { LiveEventSelector, LiveEventSelectors } from './snapshot';

/** One difference of the trail's event selectors: what it is about, the expected and actual values, and what it means. */
export interface SelectorProblem {
  readonly about: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly what: string;
}

type Access = 'read' | 'write';
const covers = (e: ReadView<LiveEventSelector>, access: Access): boolean => e.readWriteType === 'All' || e.readWriteType === (access === 'read' ? 'ReadOnly' : 'WriteOnly');
const BOTH: readonly Access[] = ['read', 'write'];

/**
 * The trail's event selectors against what the stack deploys (desired/logging.ts
 * trailEventSelectors: the stack's selector, or CloudTrail's default when it renders none).
 * CloudTrail logs an event when it matches any selector
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html), so
 * what is logged is read as the union of the selectors, never selector by selector: two selectors
 * ReadOnly and WriteOnly log management events as one All does.
 */
export function selectorProblems(live: ReadView<LiveEventSelectors>, want: Pick<DesiredTrail, 'dataEvents'>): SelectorProblem[] {
  const desired = trailEventSelectors(want).selectors;
  // lzkit deploys basic selectors only. Advanced selectors filter on any field of the event
  // (eventSource, eventName, resources.ARN, ...) with six operators
  // (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html);
  // deciding from them which management and data events are logged is not something the audit
  // can do faithfully, so they are reported as such, and the basic checks are not run.
  if (live.advanced.length) {
    return [{
      about: 'event-selectors', expected: desired, actual: live.advanced,
      what: 'uses advanced event selectors, which lzkit does not deploy (it deploys basic event selectors); the audit does not evaluate them',
    }];
  }
  const basic = live.basic;
  const out: SelectorProblem[] = [];
  const management = basic.filter((e) => e.includeManagementEvents);
  /** Whether management events of `access` from `source` (any source when undefined) are logged. */
  const logs = (access: Access, source?: string) => management.some((e) => covers(e, access) && !(source && e.excludeManagementEventSources.includes(source)));
  const mgmt = BOTH.filter((a) => !logs(a));
  if (mgmt.length) {
    out.push({
      about: 'management-events', expected: { readWriteType: 'All', includeManagementEvents: true }, actual: basic,
      what: mgmt.length === 2 ? 'does not log management events' : `does not log ${mgmt[0]} management events`,
    });
  } else {
    // ExcludeManagementEventSources drops every management event of those sources (AWS KMS,
    // Amazon RDS Data API) from the trail; the stack excludes none.
    const sources = [...new Set(management.flatMap((e) => e.excludeManagementEventSources))].filter((src) => BOTH.some((a) => !logs(a, src))).sort();
    if (sources.length) {
      out.push({
        about: 'excluded-event-sources', expected: [], actual: sources,
        what: `drops the management events of ${sources.join(', ')} (ExcludeManagementEventSources)`,
      });
    }
  }
  // Data events: each declared resource read and write, and none other. One logged but not
  // declared is drift as the bucket's undeclared settings are (access logs, lifecycle rules, a
  // default retention): the stack renders the trail's whole selector list from the declaration, so
  // a redeployment removes it, and data events are charged for by the event.
  const key = (access: Access, type: string, value: string) => `${access} ${type} ${value}`;
  const wanted = new Set(desired.flatMap((e) => e.dataResources.flatMap((d) => d.values.flatMap((v) => BOTH.map((a) => key(a, d.type, v))))));
  const logged = new Set(basic.flatMap((e) => e.dataResources.flatMap((d) => d.values.flatMap((v) => BOTH.filter((a) => covers(e, a)).map((a) => key(a, d.type, v))))));
  const missing = [...wanted].filter((k) => !logged.has(k));
  const extra = [...logged].filter((k) => !wanted.has(k));
  if (missing.length || extra.length) {
    out.push({
      about: 'data-events', expected: want.dataEvents,
      actual: basic.flatMap((e) => e.dataResources.map((d) => ({ type: d.type, values: d.values, readWriteType: e.readWriteType }))),
      what: [missing.length ? `does not log the declared data events (${missing.join(', ')})` : '', extra.length ? `logs data events that are not declared (${extra.join(', ')})` : '']
        .filter(Boolean).join(' and '),
    });
  }
  return out;
}
