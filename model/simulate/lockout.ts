import { Diagnostics } from '../diagnostics';
import { expandActionPattern } from '../iam-catalog';
import type { LandingZone } from '../landing-zone';
import { suggest } from '../organization';
import { SourceFile } from '../source';
import type { Account, SourceLocation } from '../types';
import { simulatorFor, type Simulator } from './simulator';
import type { Reason } from './types';

const FILE = 'accounts/guardrails.yaml';
type RoleKey = 'deployment' | 'breakGlass';
const ROLE_LABEL: Record<RoleKey, string> = { deployment: 'deployment role', breakGlass: 'break-glass role' };

interface LockoutSettings {
  criticalActions: string[];
  acknowledged?: { guardrail: string; roles: RoleKey[]; reason: string }[];
}

/** One guardrail statement that denies a platform role a critical action in some accounts. */
interface Lockout {
  readonly role: RoleKey;
  readonly reason: Reason;
  readonly at: SourceLocation;
  readonly accounts: Set<string>;
  readonly actions: Set<string>;
}

/**
 * The lockout check, run by validation: in every member account, the deployment role and the
 * break-glass role must stay allowed every action of `lockout.criticalActions` (wildcards expand
 * over the IAM catalog) in the home region. A guardrail that denies one would lock lzkit (or the
 * emergency responders) out of that account. Accounts with the same policy chain are checked once.
 */
export function checkLockout(lz: LandingZone, d: Diagnostics): void {
  const { file, settings } = lockoutSettings(lz.dir);
  if (!file || !settings) return;
  const actions = expandCritical(settings.criticalActions, file, d);
  const acknowledged = new Map<string, Set<RoleKey>>();
  (settings.acknowledged ?? []).forEach((a, i) => {
    if (!lz.guardrails.policies.has(a.guardrail)) {
      d.error(file.locate(['lockout', 'acknowledged', i, 'guardrail']), 'UNKNOWN_POLICY',
        `lockout.acknowledged names '${a.guardrail}', which is not a policy in policies/${suggest(a.guardrail, [...lz.guardrails.policies.keys()])}`);
    }
    acknowledged.set(a.guardrail, new Set([...(acknowledged.get(a.guardrail) ?? []), ...a.roles]));
  });

  const sim = simulatorFor(lz);
  const lockouts = new Map<string, Lockout>();
  const done = new Map<string, { role: RoleKey; action: string; reasons: readonly Reason[] }[]>();
  for (const account of lz.accounts.values()) {
    if (account.isManagement) continue;
    const key = sim.decisionKey(account);
    let denials = done.get(key);
    if (!denials) {
      denials = denialsFor(sim, account, actions);
      done.set(key, denials);
    }
    const chain = sim.chains.chainOf(account);
    for (const { role, action, reasons } of denials) {
      for (const reason of reasons) {
        if (acknowledged.get(reason.policy)?.has(role)) continue;
        // Locate at the attachment that put the guardrail on this account's chain (accounts that
        // share a decision key may hold it at differently named OUs).
        const attachment = [...chain.attachments.values()].map((m) => m.get(reason.policy)).find((a) => a !== undefined);
        const at = attachment?.source ?? lz.guardrails.policies.get(reason.policy)?.source ?? lz.organization.source;
        // One error per attachment, role and statement, listing the accounts and actions it locks.
        const id = `${role}|${reason.policy}|${reason.statement}|${at.file}:${at.line}`;
        const l = lockouts.get(id) ?? { role, reason, at, accounts: new Set<string>(), actions: new Set<string>() };
        l.accounts.add(account.name);
        l.actions.add(action);
        lockouts.set(id, l);
      }
    }
  }
  for (const l of lockouts.values()) d.error(l.at, 'LOCKOUT', message(lz, l));
}

function denialsFor(sim: Simulator, account: Account, actions: readonly string[]) {
  const out: { role: RoleKey; action: string; reasons: readonly Reason[] }[] = [];
  for (const role of ['deployment', 'breakGlass'] as const) {
    for (const action of actions) {
      const r = sim.simulate({ account: account.name, action, principal: sim.lz.organization.roles[role] });
      if (r.decision !== 'Allowed') out.push({ role, action, reasons: r.reasons });
    }
  }
  return out;
}

function message(lz: LandingZone, l: Lockout): string {
  const roleName = lz.organization.roles[l.role];
  const accounts = [...l.accounts];
  const actions = [...l.actions];
  const list = (xs: string[], n: number) => `${xs.slice(0, n).join(', ')}${xs.length > n ? ` and ${xs.length - n} more` : ''}`;
  const who = `the ${ROLE_LABEL[l.role]} ${roleName}`;
  const where = `in account ${list(accounts, 3)}`;
  if (l.reason.effect === 'ImplicitDeny') {
    return `no ${l.reason.type} at ${l.reason.level} allows ${who} ${list(actions, 3)} ${where}: attach an Allow there (or keep FullAWSAccess attached)`;
  }
  return `guardrail '${l.reason.policy}' statement '${l.reason.statement}' denies ${who} ${list(actions, 3)} ${where}: `
    + `exempt the role (e.g. ArnNotLike aws:PrincipalARN \${${l.role === 'deployment' ? 'deploymentRoleArn' : 'breakGlassRoleArn'}}), `
    + `or list the guardrail under lockout.acknowledged in ${FILE} with a reason`;
}

/** The `lockout` settings of guardrails.yaml (validated by its schema), read where the declaration is. */
function lockoutSettings(dir: string): { file?: SourceFile; settings?: LockoutSettings } {
  const file = SourceFile.read(dir, FILE, new Diagnostics());
  return { file, settings: (file?.data as { lockout?: LockoutSettings } | undefined)?.lockout };
}

/** `lockout.criticalActions` of the declaration in `dir`, wildcards expanded over the IAM catalog. */
export function criticalActions(dir: string): string[] {
  return [...new Set((lockoutSettings(dir).settings?.criticalActions ?? []).flatMap(expandActionPattern))];
}

/** The critical actions with wildcards expanded over the IAM catalog; unknown ones are errors. */
function expandCritical(patterns: readonly string[], file: SourceFile, d: Diagnostics): string[] {
  const out = new Set<string>();
  patterns.forEach((p, i) => {
    const found = expandActionPattern(p);
    if (!found.length) {
      d.error(file.locate(['lockout', 'criticalActions', i]), 'UNKNOWN_ACTION', `lockout.criticalActions: '${p}' matches no IAM action; use SERVICE:Action (wildcards allowed)`);
      return;
    }
    for (const a of found) out.add(a);
  });
  return [...out];
}

