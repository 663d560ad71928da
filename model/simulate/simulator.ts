import { lookupAction, rcpSupportedServices, similarActions } from '../iam-catalog';
import type { LandingZone } from '../landing-zone';
import { placeholderOuId, placeholderRootId } from '../late-bound';
import { suggest } from '../organization';
import { ouChain } from '../targets';
import type { Account } from '../types';
import { ChainBuilder, simulatedAccountId, simulatedOrganizationId, type PolicyChain } from './chain';
import { evaluate, preparePolicy, type EngineResult, type PreparedPolicy } from './engine';
import { ANONYMOUS, checkContextKey, checkResource, parsePrincipal, type RequestPrincipal } from './principal';
import { regionProblem } from '../regions';
import { SimulationError, type NamedPolicy, type Reason, type SimulationRequest, type SimulationResult } from './types';

/** Stands in for the principal's identity policies when the caller gives none: only guardrails decide. */
const ASSUMED_IDENTITY = 'lzkit:assumed-allow-all';
/** Stands in for the resource's policy on cross-account and service-principal requests. */
const ASSUMED_RESOURCE_TRUST = 'lzkit:assumed-resource-trust';

/**
 * Evaluates requests against one landing zone. Models what the IAM engine leaves out: SCPs and
 * RCPs never affect the management account; SCPs never affect service-linked roles or service
 * principals; RCPs apply only to services that support them; late-bound ids use the same
 * placeholders in policies and in the request context.
 */
export class Simulator {
  readonly chains: ChainBuilder;
  private readonly allowAll: PreparedPolicy;
  private readonly byId = new Map<string, Account>();
  private readonly named = new Map<string, PreparedPolicy>();
  private readonly orgPaths = new Map<string, string>();
  private rootId?: string;

  constructor(readonly lz: LandingZone) {
    this.chains = new ChainBuilder(lz);
    this.allowAll = preparePolicy(ASSUMED_IDENTITY, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    for (const a of lz.accounts.values()) this.byId.set(simulatedAccountId(a), a);
  }

  /** An account by name or 12-digit id, or UNKNOWN_ACCOUNT. */
  account(nameOrId: string): Account {
    const a = this.lz.accounts.get(nameOrId) ?? this.byId.get(nameOrId);
    if (!a) throw new SimulationError('UNKNOWN_ACCOUNT', `account '${nameOrId}' is not declared in accounts/accounts.yaml${suggest(nameOrId, [...this.lz.accounts.keys()])}`);
    return a;
  }

  /** The key under which requests of this account share decisions with other accounts. */
  decisionKey(account: Account): string {
    const chain = this.chains.chainOf(account);
    // A guardrail that names this account's own id (or OU paths) decides differently for it.
    const own = chain.text.includes(simulatedAccountId(account)) ? `#${account.name}` : '';
    const path = chain.text.includes('OrgPaths') ? `@${account.ou}` : '';
    return `${account.isManagement ? 'management' : chain.key}${own}${path}`;
  }

  simulate(req: SimulationRequest): SimulationResult {
    const account = this.account(req.account);
    const action = checkAction(req.action);
    const region = req.region ?? this.lz.organization.homeRegion;
    const problem = regionProblem(region, this.lz.organization.homeRegion);
    if (problem) throw new SimulationError('UNKNOWN_REGION', problem);
    const resource = checkResource(req.resource ?? '*');
    const accountId = simulatedAccountId(account);
    if (req.anonymous && (req.principal !== undefined || req.principalTags !== undefined)) {
      throw new SimulationError('MALFORMED_ARN', 'an anonymous request has no principal and no principal tags; drop --principal / --principal-tag, or --anonymous');
    }
    const principal = req.anonymous ? ANONYMOUS : parsePrincipal(req.principal, accountId);
    const context: Record<string, string | string[]> = this.context(principal, account, region);
    for (const [k, v] of Object.entries(req.principalTags ?? {})) {
      if (principal.service) throw new SimulationError('MALFORMED_CONTEXT', `a service principal carries no principal tags; drop the tag '${k}'`);
      const key = `aws:PrincipalTag/${k}`;
      checkContextKey(key);
      context[key] = v;
    }
    for (const [k, v] of Object.entries(req.context ?? {})) {
      checkContextKey(k);
      context[k] = typeof v === 'string' ? v : [...v];
    }

    const notes: string[] = [];
    const principalAccount = principal.accountId ? this.byId.get(principal.accountId) : undefined;
    const crossAccount = principal.service !== undefined || principal.accountId !== accountId;
    let scpLevels: PolicyChain['scpLevels'] = [];
    if (principal.type === 'Anonymous') notes.push('SCPs do not apply to an anonymous caller: it has no account; the resource policy is assumed to allow it');
    else if (principal.service) notes.push('SCPs do not apply to AWS service principals');
    else if (principal.serviceLinked) notes.push('SCPs do not apply to service-linked roles');
    else if (!principalAccount) notes.push(`principal account ${principal.accountId} is outside the organization: no SCP applies`);
    else if (principalAccount.isManagement) notes.push('SCPs do not apply to the management account');
    else scpLevels = this.chains.chainOf(principalAccount).scpLevels;

    const service = action.split(':')[0].toLowerCase();
    let rcpLevels: PolicyChain['rcpLevels'] = [];
    if (account.isManagement) notes.push('RCPs do not apply to resources in the management account');
    else if (!rcpSupportedServices().has(service)) notes.push(`RCPs do not apply to ${service}`);
    else rcpLevels = this.chains.chainOf(account).rcpLevels;

    const noIdentity = principal.service !== undefined || principal.type === 'Anonymous';
    const result = evaluate({
      principal: principal.type === 'Anonymous' ? { type: 'Anonymous' } : principal.arn, action, resource, resourceAccountId: accountId, context,
      identityPolicies: noIdentity ? [] : req.identityPolicies?.map((p) => this.prepare(p)) ?? [this.allowAll],
      permissionBoundaries: req.permissionBoundaries?.map((p) => this.prepare(p)),
      resourcePolicy: crossAccount ? this.resourceTrust(principal) : undefined,
      scpLevels, rcpLevels,
    });
    return {
      decision: result.decision, account: account.name, accountId, action, region,
      principal: principal.arn, resource, reasons: reasonsOf(result), notes,
    };
  }

  /**
   * The global condition keys AWS puts in the request context, with the values AWS documents:
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
   */
  private context(p: RequestPrincipal, account: Account, region: string): Record<string, string | string[]> {
    const orgId = simulatedOrganizationId(this.lz);
    const principalAccount = p.accountId !== undefined ? this.byId.get(p.accountId) : undefined;
    const now = new Date();
    const c: Record<string, string | string[]> = {
      'aws:PrincipalType': p.type,
      'aws:RequestedRegion': region,
      'aws:SecureTransport': 'true',
      'aws:ViaAWSService': 'false',
      // Always present; the time of the simulation (a --context value overrides it).
      'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
      'aws:ResourceAccount': simulatedAccountId(account),
      'aws:ResourceOrgID': orgId,
      'aws:ResourceOrgPaths': [this.orgPath(account)],
    };
    if (p.type === 'Anonymous') return c;
    // Present in every signed request.
    c['aws:PrincipalIsAWSService'] = p.service ? 'true' : 'false';
    if (p.principalArn) c['aws:PrincipalArn'] = p.principalArn;
    if (p.accountId) c['aws:PrincipalAccount'] = p.accountId;
    if (principalAccount) {
      c['aws:PrincipalOrgID'] = orgId;
      c['aws:PrincipalOrgPaths'] = [this.orgPath(principalAccount)];
    }
    if (p.service) c['aws:PrincipalServiceName'] = p.service;
    // Present (false unless the session was authenticated with MFA) for temporary credentials;
    // absent for long-term access keys of users and root.
    if (p.temporaryCredentials) c['aws:MultiFactorAuthPresent'] = 'false';
    if (p.userName) c['aws:username'] = p.userName;
    return c;
  }

  /**
   * `o-xxxxxxxxxx/r-xxxx/ou-xxxx-xxxxxxxx/.../` down to the account's OU. An OU's id carries its
   * root's id (ou-<root>-<unique>), so the root id is read from an adopted OU; ids that do not
   * exist yet are stable placeholders.
   */
  private orgPath(account: Account): string {
    let p = this.orgPaths.get(account.name);
    if (p === undefined) {
      this.rootId ??= this.lz.root.id ?? rootIdOf([...this.lz.ous.values()].map((o) => o.id)) ?? placeholderRootId(simulatedOrganizationId(this.lz));
      const root = this.rootId;
      const ous = ouChain(this.lz, account).filter((o) => o.parentPath !== undefined).map((o) => o.id ?? placeholderOuId(root, o.path));
      p = `${[simulatedOrganizationId(this.lz), root, ...ous].join('/')}/`;
      this.orgPaths.set(account.name, p);
    }
    return p;
  }

  private prepare(p: NamedPolicy): PreparedPolicy {
    // Callers (tests, the identity checks) reuse the same documents; parse each once.
    const key = `${p.name}\u0000${JSON.stringify(p.document)}`;
    let prepared = this.named.get(key);
    if (!prepared) {
      prepared = preparePolicy(p.name, p.document);
      this.named.set(key, prepared);
    }
    return prepared;
  }

  private resourceTrust(p: RequestPrincipal): { name: string; document: unknown } {
    const principal = p.type === 'Anonymous' ? '*' : p.service ? { Service: p.service } : { AWS: p.principalArn };
    return { name: ASSUMED_RESOURCE_TRUST, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: '*', Resource: '*' }] } };
  }
}

/** `r-xxxx` from an OU id `ou-xxxx-yyyyyyyy`: the id of the root that holds the OU. */
function rootIdOf(ouIds: readonly (string | undefined)[]): string | undefined {
  const m = ouIds.map((id) => /^ou-([0-9a-z]{4,32})-[0-9a-z]{8,32}$/.exec(id ?? '')).find((x) => x);
  return m ? `r-${m[1]}` : undefined;
}

/** One concrete action the IAM catalog knows, or UNKNOWN_ACTION (never a deny). */
export function checkAction(action: string): string {
  const a = action.trim();
  if (/[*?]/.test(a)) throw new SimulationError('UNKNOWN_ACTION', `'${a}' is a pattern; simulate one concrete action such as s3:GetObject`);
  const r = lookupAction(a);
  if (r.kind === 'ok') return a;
  if (r.kind === 'malformed') throw new SimulationError('UNKNOWN_ACTION', `'${a}' is not an action; expected SERVICE:Action such as ec2:RunInstances`);
  if (r.kind === 'unknown-service') throw new SimulationError('UNKNOWN_ACTION', `'${a}': IAM has no service prefix '${r.service}'`);
  const hint = similarActions(a);
  throw new SimulationError('UNKNOWN_ACTION', `'${a}' is not an IAM action${hint.length ? `; did you mean ${hint.join(', ')}?` : ''}`);
}

function reasonsOf(r: EngineResult): Reason[] {
  const picked = r.decision === 'ExplicitlyDenied' ? r.denies : r.decision === 'ImplicitlyDenied' ? r.gaps : r.allows;
  return picked
    .filter((s) => s.policy !== ASSUMED_IDENTITY && s.policy !== ASSUMED_RESOURCE_TRUST)
    .map((s) => ({ level: s.level, policy: s.policy, statement: s.statement, type: s.layer, effect: s.effect }));
}

const simulators = new WeakMap<LandingZone, Simulator>();

/** The simulator of a landing zone, built once (its parsed chains are reused across requests). */
export function simulatorFor(lz: LandingZone): Simulator {
  let s = simulators.get(lz);
  if (!s) {
    s = new Simulator(lz);
    simulators.set(lz, s);
  }
  return s;
}

/** Evaluates one request against the guardrails that reach `request.account`. */
export function simulate(lz: LandingZone, request: SimulationRequest): SimulationResult {
  return simulatorFor(lz).simulate(request);
}
