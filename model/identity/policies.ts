import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostics } from '../diagnostics';
import { lookupAction, similarActions } from '../iam-catalog';
import { SourceFile, type JsonPath } from '../source';
import type { PolicyDocument, SourceLocation } from '../types';
import { PERMISSION_SET_POLICY_FOLDER, type PermissionSetPolicyFile } from './types';

/**
 * IAM Identity Center quotas (docs.aws.amazon.com/singlesignon/latest/userguide/limits.html):
 * the inline policy of a permission set may hold at most 10,240 non-whitespace characters and
 * 32,768 bytes in all. Neither can be raised.
 */
export const INLINE_POLICY_MAX_NON_WHITESPACE = 10_240;
export const INLINE_POLICY_MAX_BYTES = 32_768;

/**
 * Reads policy documents from policies/permission-sets/ once each, lints them (identity-policy
 * grammar, every action exists in the IAM catalog) and reports problems at their line.
 */
export class PermissionSetPolicyReader {
  private readonly cache = new Map<string, PermissionSetPolicyFile | undefined>();

  constructor(private readonly dir: string, private readonly d: Diagnostics) {}

  /** `name` is a file name in policies/permission-sets/; `at` is where the declaration names it. */
  read(name: string, at: SourceLocation): PermissionSetPolicyFile | undefined {
    const rel = `${PERMISSION_SET_POLICY_FOLDER}/${name}`;
    if (this.cache.has(rel)) return this.cache.get(rel);
    const result = this.load(rel, at);
    this.cache.set(rel, result);
    return result;
  }

  private load(rel: string, at: SourceLocation): PermissionSetPolicyFile | undefined {
    if (!fs.existsSync(path.join(this.dir, rel))) {
      this.d.error(at, 'POLICY_FILE_MISSING', `${rel} does not exist; add the policy document there or fix the file name`);
      return undefined;
    }
    const source = SourceFile.read(this.dir, rel, this.d, { json: true });
    if (!source) return undefined;
    if (!lintIdentityPolicy(source, this.d)) return undefined;
    const document = source.data as PolicyDocument;
    return Object.freeze({ file: rel, document, content: JSON.stringify(document) });
  }
}

/** Grammar (as an identity policy: no Principal, a Resource on every statement) and actions. */
function lintIdentityPolicy(source: SourceFile, d: Diagnostics): boolean {
  let ok = true;
  for (const e of identityGrammar(source.data)) {
    ok = false;
    d.error(source.locate(e.at), 'POLICY_GRAMMAR', `${e.message}; fix the policy document`);
  }
  if (!ok) return false;
  const statements = asArray((source.data as { Statement: unknown }).Statement);
  statements.forEach((s, i) => {
    const st = s as Record<string, unknown>;
    for (const key of ['Action', 'NotAction'] as const) {
      const at: JsonPath = Array.isArray((source.data as { Statement: unknown }).Statement) ? ['Statement', i, key] : ['Statement', key];
      const list = st[key];
      asArray(list).forEach((action, j) => {
        if (typeof action !== 'string') return;
        const verdict = lookupAction(action);
        if (verdict.kind === 'ok') return;
        ok = false;
        const where = source.locate(Array.isArray(list) ? [...at, j] : at);
        const why = verdict.kind === 'unknown-service'
          ? `service '${verdict.service}' is not in the IAM catalog`
          : verdict.kind === 'malformed' ? 'it is not of the form service:Action' : 'no IAM action matches it';
        const similar = verdict.kind === 'unknown-action' || verdict.kind === 'matches-nothing' ? similarActions(action) : [];
        d.error(where, 'UNKNOWN_ACTION', `action '${action}': ${why}${similar.length ? ` (did you mean ${similar.join(', ')}?)` : ''}; correct the spelling (see the Service Authorization Reference)`);
      });
    }
  });
  return ok;
}

/** What the Identity Center inline-policy quota counts, and whether the document fits. */
export function inlinePolicySize(content: string): { nonWhitespace: number; bytes: number; fits: boolean } {
  const nonWhitespace = content.replace(/\s/g, '').length;
  const bytes = Buffer.byteLength(content, 'utf8');
  return { nonWhitespace, bytes, fits: nonWhitespace <= INLINE_POLICY_MAX_NON_WHITESPACE && bytes <= INLINE_POLICY_MAX_BYTES };
}

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

/**
 * The identity-policy grammar IAM enforces on a permission set's policies. Written here rather
 * than taken from @cloud-copilot/iam-policy, whose AGPL code lzkit links from model/simulate only.
 */
export function identityGrammar(doc: unknown): { at: JsonPath; message: string }[] {
  const out: { at: JsonPath; message: string }[] = [];
  if (!isObject(doc)) return [{ at: [], message: 'a policy document must be a JSON object' }];
  for (const k of Object.keys(doc)) if (!DOCUMENT_KEYS.has(k)) out.push({ at: [k], message: `unknown key '${k}' in the policy document` });
  if (doc.Version !== '2012-10-17') out.push({ at: ['Version'], message: `Version must be "2012-10-17"` });
  const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? undefined : [doc.Statement];
  if (!list || list.length === 0) out.push({ at: ['Statement'], message: 'the document needs at least one Statement' });
  (list ?? []).forEach((st, i) => {
    const at: JsonPath = Array.isArray(doc.Statement) ? ['Statement', i] : ['Statement'];
    if (!isObject(st)) { out.push({ at, message: 'a statement must be an object' }); return; }
    for (const k of Object.keys(st)) {
      if (k === 'Principal' || k === 'NotPrincipal') out.push({ at: [...at, k], message: `${k} is not allowed in an identity policy` });
      else if (!STATEMENT_KEYS.has(k)) out.push({ at: [...at, k], message: `unknown key '${k}' in a statement` });
    }
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') out.push({ at: [...at, 'Effect'], message: 'Effect must be Allow or Deny' });
    if ((st.Action === undefined) === (st.NotAction === undefined)) out.push({ at, message: 'a statement needs exactly one of Action and NotAction' });
    if ((st.Resource === undefined) === (st.NotResource === undefined)) out.push({ at, message: 'a statement needs exactly one of Resource and NotResource' });
    for (const k of ['Action', 'NotAction', 'Resource', 'NotResource']) {
      const v = st[k];
      if (v !== undefined && !(typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) {
        out.push({ at: [...at, k], message: `${k} must be a string or a list of strings` });
      }
    }
  });
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
