import { isNotRead } from '../../readable';
import { need, partOf, read, type DriftScenario, type MutableSnapshot } from '../../sandbox/scenario';
import type { LiveAccountRecorders, LiveSecurityServices } from './snapshot';

const services = (s: MutableSnapshot) => partOf<LiveSecurityServices>(s, 'securityServices', 'security services');
/** The administrator's detector in the first region GuardDuty runs in. */
const detector = (s: MutableSnapshot) => need(read(need(services(s).guardDuty?.[0], 'GuardDuty region').detector, 'GuardDuty detector'), 'GuardDuty detector');

/** Drift of the security services, each on a deterministic victim. */
export const SCENARIOS: readonly DriftScenario[] = [
  {
    name: 'guardduty-disabled', description: 'GuardDuty is suspended in the administrator account in its first region (UpdateDetector --no-enable)',
    apply: (s) => { read(detector(s).detector, 'GuardDuty detector').status = 'DISABLED'; },
  },
  {
    name: 'guardduty-member-removed', description: 'a member account is disassociated from the GuardDuty administrator in its first region',
    apply: (s) => { need(read(detector(s).members, 'GuardDuty members').shift(), 'GuardDuty member'); },
  },
  {
    name: 'securityhub-standard-disabled', description: 'the last standard of the Security Hub configuration policy is removed in the console',
    apply: (s) => {
      const policy = need(read(need(services(s).securityHub, 'Security Hub').policies, 'configuration policies')[0], 'configuration policy');
      need(policy.enabledStandardArns.pop(), 'enabled standard');
    },
  },
  {
    name: 'config-recorder-stopped', description: 'the AWS Config recorder of a member account is stopped in its first region (StopConfigurationRecorder)',
    apply: (s) => {
      for (const a of read(s.accounts, 'accounts')) {
        const state = s.accountStates[a.id];
        if (a.id === s.organization.managementAccountId || !state || isNotRead(state)) continue;
        const part = (state as Record<string, unknown>).securityServices as LiveAccountRecorders | undefined;
        const statuses = part?.recorders[0]?.statuses;
        const recorder = statuses && !isNotRead(statuses) ? statuses.find((r) => r.recording) : undefined;
        if (recorder) { (recorder as { recording: boolean }).recording = false; return; }
      }
      throw new Error('the organization has no running AWS Config recorder in a member account to stop');
    },
  },
];
