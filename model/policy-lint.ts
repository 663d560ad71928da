import type { Diagnostics } from './diagnostics';
import { lookupAction, rcpSupportedServices, similarActions } from './iam-catalog';
import { isConditionKey, isPolicyVariable, PARAMETER_NAME, placeholders } from './iam-grammar';
import { lintManagementPolicy } from './management-lint';
import { POLICY_TYPES } from './policy-types';
import type { JsonPath, SourceFile } from './source';
import type { Guardrail, SourceLocation } from './types';

/**
 * Policy lint, run on every guardrail during validation: grammar of the document, every action
 * exists in the IAM catalog (a wildcard must match at least one), and the rules Organizations
 * enforces per policy type. Locations point into `source` under ['document', ...].
 *
 * Rules follow the AWS Organizations user guide (SCP syntax, RCP syntax). Since September 2025
 * SCPs accept the full IAM language (conditions, NotAction, NotResource and specific resources in
 * Allow statements as well), so the SCP-specific rule left is: no Principal / NotPrincipal.
 * RCPs: Effect Deny only (Allow is reserved to RCPFullAWSAccess), Principal exactly "*", no
 * NotPrincipal, no NotAction, no `"Action": "*"`, and only actions of services that support RCPs.
 * Every `${...}` is a parameter of lzkit or an IAM policy variable; anything else never matches.
 * Management policies (tag, backup, AI opt-out, declarative, ...) have their own grammar with
 * inheritance operators: model/management-lint.ts.
 */
export function lintPolicyDocument(g: Guardrail, source: SourceFile, d: Diagnostics): void {
  const lint = new Lint(g, source, d);
  if (POLICY_TYPES[g.type].kind === 'management') lintManagementPolicy(g, source, d);
  else lint.iamPolicy();
  lint.placeholders();
}

export const POLICY_VERSION = '2012-10-17';
const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const CONDITION_OPERATOR = new RegExp(
  '^(?:(?:ForAnyValue|ForAllValues):)?(?:' +
  [
    'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
    'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
    'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
    'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike',
  ].join('|') +
  ')(?:IfExists)?$|^Null$',
);

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Lint {
  private readonly raw: Record<string, Json>;

  constructor(private readonly g: Guardrail, private readonly source: SourceFile, private readonly d: Diagnostics) {
    this.raw = ((source.data as Record<string, Json> | undefined)?.document ?? {}) as Record<string, Json>;
  }

  iamPolicy(): void {
    const doc = this.g.document as unknown as Json;
    if (!isObject(doc)) {
      this.error([], 'POLICY_GRAMMAR', `the document must be a JSON object with Version and Statement`);
      return;
    }
    for (const key of Object.keys(doc)) {
      if (!DOCUMENT_KEYS.has(key)) this.errorAtKey([], key, 'POLICY_GRAMMAR', `unknown policy element '${key}'; a policy has only Version, Id and Statement`);
    }
    if (doc.Version !== POLICY_VERSION) {
      this.error(doc.Version === undefined ? [] : ['Version'], 'POLICY_GRAMMAR', `Version must be "${POLICY_VERSION}" (found ${JSON.stringify(doc.Version)}); set it`);
    }
    const statements = doc.Statement;
    if (Array.isArray(statements)) {
      if (statements.length === 0) this.error(['Statement'], 'POLICY_GRAMMAR', `Statement is empty; add at least one statement`);
      statements.forEach((s, i) => this.statement(s, ['Statement', i]));
    } else if (isObject(statements)) {
      this.statement(statements, ['Statement']);
    } else {
      this.error(statements === undefined ? [] : ['Statement'], 'POLICY_GRAMMAR', `Statement must be a statement object or an array of them`);
    }
    const sids = new Map<string, JsonPath>();
    (Array.isArray(statements) ? statements : []).forEach((s, i) => {
      if (!isObject(s) || typeof s.Sid !== 'string' || s.Sid === '') return;
      if (sids.has(s.Sid)) this.error(['Statement', i, 'Sid'], 'POLICY_GRAMMAR', `Sid '${s.Sid}' is used by an earlier statement; Sids must be unique in a policy`);
      sids.set(s.Sid, ['Statement', i, 'Sid']);
    });
  }

  private statement(s: Json, at: JsonPath): void {
    if (!isObject(s)) {
      this.error(at, 'POLICY_GRAMMAR', `a statement must be a JSON object`);
      return;
    }
    for (const key of Object.keys(s)) {
      if (!STATEMENT_KEYS.has(key)) this.errorAtKey(at, key, 'POLICY_GRAMMAR', `unknown statement element '${key}'; allowed: ${[...STATEMENT_KEYS].join(', ')}`);
    }
    if (s.Sid !== undefined && (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(s.Sid))) {
      this.error([...at, 'Sid'], 'POLICY_GRAMMAR', `Sid must contain only letters and digits (A-Z, a-z, 0-9)`);
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
      this.error(s.Effect === undefined ? at : [...at, 'Effect'], 'POLICY_GRAMMAR', `Effect must be "Allow" or "Deny" (found ${JSON.stringify(s.Effect)})`);
    }
    this.exactlyOne(s, at, 'Action', 'NotAction');
    this.exactlyOne(s, at, 'Resource', 'NotResource');
    for (const key of ['Action', 'NotAction'] as const) if (s[key] !== undefined) this.actions(s[key], [...at, key]);
    for (const key of ['Resource', 'NotResource'] as const) if (s[key] !== undefined) this.stringList(s[key], [...at, key], key);
    if (s.Condition !== undefined) this.condition(s.Condition, [...at, 'Condition']);
    if (this.g.type === 'SCP') this.scpRules(s, at);
    if (this.g.type === 'RCP') this.rcpRules(s, at);
  }

  private exactlyOne(s: Record<string, Json>, at: JsonPath, a: string, notA: string): void {
    if (s[a] === undefined && s[notA] === undefined) this.error(at, 'POLICY_GRAMMAR', `the statement has neither ${a} nor ${notA}; add one`);
    if (s[a] !== undefined && s[notA] !== undefined) this.errorAtKey(at, notA, 'POLICY_GRAMMAR', `a statement has ${a} or ${notA}, not both; remove one`);
  }

  private stringList(v: Json, at: JsonPath, what: string): string[] | undefined {
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
    this.error(at, 'POLICY_GRAMMAR', `${what} must be a string or a non-empty array of strings`);
    return undefined;
  }

  private actions(v: Json, at: JsonPath): void {
    const list = this.stringList(v, at, at[at.length - 1] as string);
    if (!list) return;
    list.forEach((action, j) => {
      // An unbound ${param} is reported by the binding step; here it only appears in lintPolicyLibrary.
      if (action.includes('${')) return;
      const here = typeof v === 'string' ? at : this.itemPath(at, j, list.length);
      const r = lookupAction(action);
      switch (r.kind) {
        case 'ok': return;
        case 'malformed':
          this.error(here, 'INVALID_ACTION', `'${action}' is not an action; write service:Action (e.g. s3:GetObject), or '*'`);
          return;
        case 'unknown-service':
          this.error(here, 'UNKNOWN_SERVICE', `'${r.service}' in '${action}' is not an IAM service prefix; check the Service Authorization Reference for the prefix`);
          return;
        case 'unknown-action': {
          const near = similarActions(action);
          this.error(here, 'UNKNOWN_ACTION', `'${action}' is not an IAM action${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : '; check the spelling against the Service Authorization Reference'}`);
          return;
        }
        case 'matches-nothing':
          this.error(here, 'WILDCARD_MATCHES_NOTHING', `'${action}' matches no IAM action; fix the pattern so it names at least one action`);
          return;
      }
    });
  }

  private condition(v: Json, at: JsonPath): void {
    if (!isObject(v)) {
      this.error(at, 'POLICY_GRAMMAR', `Condition must be an object of operator -> { key: value(s) }`);
      return;
    }
    for (const [operator, block] of Object.entries(v)) {
      if (!CONDITION_OPERATOR.test(operator)) {
        this.errorAtKey(at, operator, 'UNKNOWN_CONDITION_OPERATOR', `'${operator}' is not an IAM condition operator (e.g. StringEquals, ArnNotLike, BoolIfExists, ForAnyValue:StringLike)`);
        continue;
      }
      if (!isObject(block) || Object.keys(block).length === 0) {
        this.error([...at, operator], 'POLICY_GRAMMAR', `${operator} must map condition keys to values, e.g. { "aws:RequestedRegion": ["eu-west-1"] }`);
        continue;
      }
      for (const [key, value] of Object.entries(block)) {
        const scalar = (x: Json) => typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number';
        if (!isConditionKey(key)) {
          this.errorAtKey([...at, operator], key, 'POLICY_GRAMMAR', `'${key}' is not a condition key; write prefix:Key (e.g. aws:PrincipalArn, aws:ResourceTag/Cost Center, token.actions.githubusercontent.com:sub)`);
        }
        if (!(scalar(value) || (Array.isArray(value) && value.length > 0 && value.every(scalar)))) {
          this.error([...at, operator, key], 'POLICY_GRAMMAR', `the value of ${operator} ${key} must be a string, number, boolean or a non-empty array of them`);
        }
      }
    }
  }

  private scpRules(s: Record<string, Json>, at: JsonPath): void {
    for (const key of ['Principal', 'NotPrincipal']) {
      if (s[key] !== undefined) this.errorAtKey(at, key, 'SCP_PRINCIPAL', `SCPs apply to the principals of the accounts they are attached to and cannot name a ${key}; remove it (use a condition on aws:PrincipalArn to exempt roles)`);
    }
  }

  private rcpRules(s: Record<string, Json>, at: JsonPath): void {
    if (s.Effect === 'Allow') {
      this.error([...at, 'Effect'], 'RCP_ALLOW', `RCPs can only deny: Allow is reserved to AWS's RCPFullAWSAccess; write the guardrail as a Deny with a condition`);
    }
    if (s.Principal !== '*') {
      this.error(s.Principal === undefined ? at : [...at, 'Principal'], 'RCP_PRINCIPAL',
        `an RCP statement must have "Principal": "*" (found ${s.Principal === undefined ? 'none' : JSON.stringify(s.Principal)}); narrow who is denied with conditions such as aws:PrincipalOrgID`);
    }
    if (s.NotPrincipal !== undefined) this.errorAtKey(at, 'NotPrincipal', 'RCP_PRINCIPAL', `RCPs do not support NotPrincipal; use "Principal": "*" with a condition`);
    if (s.NotAction !== undefined) this.errorAtKey(at, 'NotAction', 'RCP_NOT_ACTION', `RCPs do not support NotAction; list the actions in Action`);
    const actions = typeof s.Action === 'string' ? [s.Action] : Array.isArray(s.Action) ? s.Action : [];
    actions.forEach((action, j) => {
      const here = typeof s.Action === 'string' ? [...at, 'Action'] : this.itemPath([...at, 'Action'], j, actions.length);
      if (action === '*') {
        this.error(here, 'RCP_ALL_ACTIONS', `RCPs cannot use "Action": "*" (only AWS's RCPFullAWSAccess does); list the actions or the services to protect, e.g. "s3:*", "sts:AssumeRole"`);
        return;
      }
      if (typeof action !== 'string' || action.includes('${')) return;
      const service = action.split(':')[0].toLowerCase();
      if (!rcpSupportedServices().has(service)) {
        this.error(here, 'RCP_UNSUPPORTED_SERVICE',
          `'${service}' does not support resource control policies, so '${action}' would never be evaluated; RCPs cover ${[...rcpSupportedServices()].slice(0, 6).join(', ')}, ...`);
      }
    });
  }

  /**
   * Every `${...}` of the document as written: a parameter (bound or reported by the binding step),
   * an IAM policy variable in an IAM policy, or an error: AWS would compare the text literally, so
   * a condition built on it never matches.
   */
  placeholders(): void {
    const iam = POLICY_TYPES[this.g.type].kind === 'authorization';
    const walk = (v: Json, at: JsonPath): void => {
      if (typeof v === 'string') {
        for (const p of placeholders(v)) {
          if (PARAMETER_NAME.test(p.inner) || (iam && isPolicyVariable(p.inner))) continue;
          this.error(at, 'UNKNOWN_PLACEHOLDER', iam
            ? `'${p.text}' is neither a parameter (letters and digits, bound under 'parameters:' in accounts/guardrails.yaml) nor an IAM policy variable (\${aws:username}, \${aws:PrincipalTag/team}, ...); IAM would compare it as text: fix the name`
            : `'${p.text}' is not a parameter (letters and digits, bound under 'parameters:' in accounts/guardrails.yaml); ${this.g.type} policies have no policy variables: fix the name`);
        }
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, [...at, i]));
      } else if (isObject(v)) {
        for (const [k, x] of Object.entries(v)) {
          if (placeholders(k).some((p) => !PARAMETER_NAME.test(p.inner) && !(iam && isPolicyVariable(p.inner)))) {
            this.errorAtKey(at, k, 'UNKNOWN_PLACEHOLDER', `'${k}' holds a placeholder that is neither a parameter nor an IAM policy variable; fix the name`);
          }
          walk(x, [...at, k]);
        }
      }
    };
    walk(this.raw, []);
  }

  /** Parameters can expand a list inside an array; point at the item only when indexes still line up. */
  private itemPath(at: JsonPath, j: number, boundLength: number): JsonPath {
    let raw: Json = this.raw;
    for (const k of at) raw = isObject(raw) || Array.isArray(raw) ? (raw as Record<string | number, Json>)[k] : undefined;
    return Array.isArray(raw) && raw.length === boundLength ? [...at, j] : at;
  }

  private where(p: JsonPath): SourceLocation {
    return this.source.locate(['document', ...p]);
  }

  private error(p: JsonPath, code: string, message: string): void {
    this.d.error(this.where(p), code, `${this.g.type} '${this.g.id}': ${message}`);
  }

  private errorAtKey(p: JsonPath, key: string, code: string, message: string): void {
    this.d.error(this.source.locateKey(['document', ...p], key), code, `${this.g.type} '${this.g.id}': ${message}`);
  }
}
