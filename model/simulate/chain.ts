import type { LandingZone } from '../landing-zone';
import { PLACEHOLDER_ORGANIZATION_ID, placeholderAccountId, resolveLateBound } from '../late-bound';
import { ouChain } from '../targets';
import { hasFullAwsAccess, type Account, type GuardrailAttachment, type PolicyType } from '../types';
import { preparePolicy, type EngineLevel, type PreparedPolicy } from './engine';

import { FULL_AWS_ACCESS as FULL_ACCESS_POLICY, RCP_FULL_AWS_ACCESS as RCP_FULL_ACCESS_POLICY } from '../aws-managed-policies';

export const FULL_AWS_ACCESS = FULL_ACCESS_POLICY.name;
export const RCP_FULL_AWS_ACCESS = RCP_FULL_ACCESS_POLICY.name;

/** The SCPs and RCPs that reach one account, level by level, as AWS evaluates them. */
export interface PolicyChain {
  /** Same key = same policies at the same depth: the same decision for every request. */
  readonly key: string;
  readonly scpLevels: readonly EngineLevel[];
  readonly rcpLevels: readonly EngineLevel[];
  /** Level name -> the attachment that put each guardrail there (for locating errors). */
  readonly attachments: ReadonlyMap<string, ReadonlyMap<string, GuardrailAttachment>>;
  /** The bound documents of the chain's guardrails, for telling whether an account's own id matters. */
  readonly text: string;
}

export function accountLevel(account: Account): string {
  return `account:${account.name}`;
}

/** The id the simulator uses for an account: its own, or a stable placeholder until it exists. */
export function simulatedAccountId(account: Account): string {
  return account.id ?? placeholderAccountId(account.name);
}

export function simulatedOrganizationId(lz: LandingZone): string {
  return lz.organization.id ?? PLACEHOLDER_ORGANIZATION_ID;
}

/** Builds and caches the policy chains of one landing zone; each document is parsed once. */
export class ChainBuilder {
  private readonly prepared = new Map<string, PreparedPolicy>();
  private readonly texts = new Map<string, string>();
  private readonly byAccount = new Map<string, PolicyChain>();
  /** target (`ou:PATH` / `account:NAME`) -> attachments of SCPs or RCPs placed there directly */
  private readonly direct = new Map<string, { type: PolicyType; attachment: GuardrailAttachment }[]>();

  constructor(private readonly lz: LandingZone) {
    for (const a of lz.guardrails.attachments) {
      const g = lz.guardrails.policies.get(a.policyId);
      if (!g || g.type === 'TAG') continue;
      for (const t of [...a.ous.map((o) => `ou:${o}`), ...a.accounts.map((n) => `account:${n}`)]) {
        this.direct.set(t, [...(this.direct.get(t) ?? []), { type: g.type, attachment: a }]);
      }
    }
  }

  chainOf(account: Account): PolicyChain {
    let chain = this.byAccount.get(account.name);
    if (!chain) {
      chain = this.build(account);
      this.byAccount.set(account.name, chain);
    }
    return chain;
  }

  private build(account: Account): PolicyChain {
    const levels = [
      ...ouChain(this.lz, account).map((ou) => ({ name: ou.path, target: `ou:${ou.path}`, fullAccess: hasFullAwsAccess(this.lz.guardrails, { kind: 'ou', name: ou.path }) })),
      { name: accountLevel(account), target: `account:${account.name}`, fullAccess: hasFullAwsAccess(this.lz.guardrails, { kind: 'account', name: account.name }) },
    ];
    const attachments = new Map<string, Map<string, GuardrailAttachment>>();
    const texts: string[] = [];
    const levelsOf = (type: 'SCP' | 'RCP'): EngineLevel[] => levels.map(({ name, target, fullAccess }) => {
      const here = (this.direct.get(target) ?? []).filter((x) => x.type === type);
      const ids = here.map((x) => x.attachment.policyId);
      const at = attachments.get(name) ?? new Map<string, GuardrailAttachment>();
      for (const x of here) at.set(x.attachment.policyId, x.attachment);
      attachments.set(name, at);
      texts.push(...ids.map((id) => this.textOf(id)));
      const managed = type === 'RCP' ? [RCP_FULL_AWS_ACCESS] : fullAccess ? [FULL_AWS_ACCESS] : [];
      return { level: name, policies: [...managed, ...ids].map((id) => this.policy(id)) };
    });
    const scpLevels = levelsOf('SCP');
    const rcpLevels = levelsOf('RCP');
    // Where every level keeps an allow-all policy (RCPFullAWSAccess always, FullAWSAccess where it
    // is not detached), a request is denied exactly when some statement of some guardrail on the
    // chain denies it: the decision depends on the set of guardrails, not on their levels. Keying
    // by that set lets accounts nested differently share decisions. Where a level lacks
    // FullAWSAccess it must allow on its own, so the SCP key keeps the levels.
    const set = (ls: EngineLevel[]) => [...new Set(ls.flatMap((l) => l.policies.map((p) => p.name)))].sort().join(',');
    const levelByLevel = (ls: EngineLevel[]) => ls.map((l) => l.policies.map((p) => p.name).join(',')).join('/');
    const everyLevelAllowsAll = levels.every((l) => l.fullAccess);
    const sig = (ls: EngineLevel[], type: 'SCP' | 'RCP') => (type === 'RCP' || everyLevelAllowsAll ? set(ls) : levelByLevel(ls));
    return { key: `scp:${sig(scpLevels, 'SCP')}|rcp:${sig(rcpLevels, 'RCP')}`, scpLevels, rcpLevels, attachments, text: texts.join('\n') };
  }

  private textOf(id: string): string {
    let t = this.texts.get(id);
    if (t === undefined) {
      const g = this.lz.guardrails.policies.get(id);
      t = g ? this.resolve(g.content) : '';
      this.texts.set(id, t);
    }
    return t;
  }

  /** Late-bound ids become the same placeholders the request context uses, so they can match. */
  private resolve(text: string): string {
    return resolveLateBound(text, (v) => {
      if (v.kind === 'organization-id') return simulatedOrganizationId(this.lz);
      if (v.kind !== 'account-id') throw new Error(`lzkit: a guardrail holds a ${v.kind} value, which policies cannot name`);
      const a = this.lz.accounts.get(v.account);
      return a ? simulatedAccountId(a) : placeholderAccountId(v.account);
    });
  }

  policy(id: string): PreparedPolicy {
    let p = this.prepared.get(id);
    if (!p) {
      const document = id === FULL_AWS_ACCESS ? FULL_ACCESS_POLICY.document : id === RCP_FULL_AWS_ACCESS ? RCP_FULL_ACCESS_POLICY.document : JSON.parse(this.textOf(id));
      p = preparePolicy(id, document);
      this.prepared.set(id, p);
    }
    return p;
  }
}
