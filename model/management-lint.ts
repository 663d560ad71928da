import type { Diagnostics } from './diagnostics';
import { PARAMETER_NAME } from './iam-grammar';
import { MANAGEMENT_SYNTAX, type Setting } from './management-syntax';
import { suggest } from './organization';
import { POLICY_TYPES } from './policy-types';
import { regionProblem } from './regions';
import type { JsonPath, SourceFile } from './source';
import type { Guardrail } from './types';

/** Value-setting operators and the one child control operator of management policies. */
export const VALUE_OPERATORS = ['@@assign', '@@append', '@@remove'] as const;
export type ValueOperator = (typeof VALUE_OPERATORS)[number];
export const CHILD_CONTROL = '@@operators_allowed_for_child_policies';
/** What `@@operators_allowed_for_child_policies` may list: `@@all` (the default), `@@none`, or value-setting operators. */
const CHILD_CONTROL_VALUES = ['@@all', '@@none', ...VALUE_OPERATORS];

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: Json) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The syntax check of a management policy (tag, backup, AI opt-out, declarative, ...): the
 * operator grammar every management policy shares, and the settings and values the type's
 * syntax page documents (model/management-syntax.ts). Locations point into `source` under
 * ['document', ...], as the lint of SCPs and RCPs does.
 */
export function lintManagementPolicy(g: Guardrail, source: SourceFile, d: Diagnostics): void {
  const syntax = MANAGEMENT_SYNTAX[g.type];
  if (!syntax) return;
  const lint = new ManagementLint(g, source, d);
  // A document with none of the type's top-level keys is not this type at all: say that once.
  const top = syntax.kind === 'block' ? syntax.required ?? [] : [];
  const doc = g.document as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || (top.length > 0 && !top.some((k) => k in doc))) {
    lint.wrongType(top);
    return;
  }
  lint.check(syntax, g.document, []);
}

class ManagementLint {
  private readonly code: string;

  constructor(private readonly g: Guardrail, private readonly source: SourceFile, private readonly d: Diagnostics) {
    this.code = g.type === 'TAG' ? 'TAG_POLICY_GRAMMAR' : 'MANAGEMENT_POLICY_GRAMMAR';
  }

  /** Whether the value at `at` is written as a parameter: its values are checked where they are declared. */
  private fromParameter(at: JsonPath): boolean {
    let v: Json = (this.source.data as Record<string, Json> | undefined)?.document;
    for (const k of at) v = isObject(v) || Array.isArray(v) ? (v as Record<string | number, Json>)[k] : undefined;
    return JSON.stringify(v ?? '').includes('${');
  }

  check(s: Setting, v: Json, at: JsonPath): void {
    if (s.kind === 'value' || s.kind === 'list') return this.leaf(s, v, at);
    if (!isObject(v)) {
      this.error(at, `${this.name(at)} must be an object of settings (${s.kind === 'block' ? Object.keys(s.fields).join(', ') : `one entry per ${s.kind === 'named' ? s.what : 'setting'}`})`);
      return;
    }
    for (const [key, x] of Object.entries(v)) {
      if (key === CHILD_CONTROL) {
        this.childControl(x, [...at, key]);
      } else if (key.startsWith('@@')) {
        this.errorAtKey(at, key, (VALUE_OPERATORS as readonly string[]).includes(key)
          ? `${key} sets a value; ${this.name(at)} holds settings, so set each of them instead`
          : `'${key}' is not an inheritance operator${suggest(key, [...VALUE_OPERATORS, CHILD_CONTROL])}; use @@assign, @@append, @@remove or ${CHILD_CONTROL}`);
      } else if (s.kind === 'block') {
        const field = s.fields[key];
        if (field) this.check(field, x, [...at, key]);
        else this.errorAtKey(at, key, `unknown setting '${key}' in ${this.name(at)}${suggest(key, Object.keys(s.fields))}; the ${POLICY_TYPES[this.g.type].label} syntax has ${Object.keys(s.fields).join(', ')}`);
      } else if (s.kind === 'named') {
        if (s.name && !s.name.test(key)) this.errorAtKey(at, key, `'${key}' does not name a ${s.what}`);
        else this.check(s.entry, x, [...at, key]);
      } else {
        this.open(x, [...at, key]);
      }
    }
    if (s.kind === 'block') {
      for (const r of s.required ?? []) if (!(r in v)) this.error(at, `${this.name(at)} needs '${r}'`);
    }
  }

  /** A setting this module does not list: a leaf with operators, or settings below. */
  private open(v: Json, at: JsonPath): void {
    if (!isObject(v)) {
      this.error(at, `${this.name(at)} must be an object: settings, or a value set with @@assign (e.g. { "@@assign": ... })`);
      return;
    }
    const keys = Object.keys(v);
    const operators = keys.filter((k) => (VALUE_OPERATORS as readonly string[]).includes(k));
    if (operators.length > 0) {
      for (const k of keys) if (k !== CHILD_CONTROL && !operators.includes(k)) this.errorAtKey(at, k, `'${k}' stands beside ${operators[0]}; a setting either has a value or holds settings`);
      for (const op of operators) if (!(isScalar(v[op]) || (Array.isArray(v[op]) && (v[op] as Json[]).every(isScalar)))) this.error([...at, op], `the value of ${op} must be a string, number, boolean or a list of them`);
    } else {
      this.check({ kind: 'named', what: 'setting', entry: { kind: 'open' } }, v, at);
    }
    if (CHILD_CONTROL in v && operators.length > 0) this.childControl(v[CHILD_CONTROL], [...at, CHILD_CONTROL]);
  }

  private leaf(s: Extract<Setting, { kind: 'value' | 'list' }>, v: Json, at: JsonPath): void {
    if (!isObject(v)) {
      this.error(at, `${this.name(at)} must be set with an operator: { "@@assign": ${s.kind === 'list' ? '["..."]' : '"..."'} }`);
      return;
    }
    for (const [op, x] of Object.entries(v)) {
      if (op === CHILD_CONTROL) {
        this.childControl(x, [...at, op]);
        continue;
      }
      if (!(VALUE_OPERATORS as readonly string[]).includes(op)) {
        this.errorAtKey(at, op, op.startsWith('@@')
          ? `'${op}' is not an inheritance operator${suggest(op, [...VALUE_OPERATORS, CHILD_CONTROL])}; use @@assign, @@append or @@remove`
          : `${this.name(at)} is a single setting; '${op}' cannot stand below it`);
        continue;
      }
      // @@append and @@remove work on lists only (the inheritance operators page).
      if (s.kind === 'value' && op !== '@@assign') {
        this.errorAtKey(at, op, `${op} works on lists only; ${this.name(at)} holds one value: use @@assign`);
        continue;
      }
      // Unbound (policies linted without organization.yaml), a list parameter is still its placeholder.
      if (typeof x === 'string' && x.startsWith('${') && x.endsWith('}') && PARAMETER_NAME.test(x.slice(2, -1))) continue;
      const values = s.kind === 'list' ? (Array.isArray(x) ? x : undefined) : [x];
      if (!values || !values.every(isScalar)) {
        this.error([...at, op], s.kind === 'list' ? `${this.name(at)} is a list: ${op} takes an array, e.g. ["a", "b"]` : `${this.name(at)} takes one string, number or boolean`);
        continue;
      }
      // Regions bound from a parameter (allowedRegions) were checked where organization.yaml declares them.
      const regionsChecked = s.kind === 'list' && s.regions !== undefined && this.fromParameter([...at, op]);
      values.forEach((item, i) => this.item(s, String(item), s.kind === 'list' ? [...at, op, i] : [...at, op], regionsChecked));
    }
  }

  private item(s: Extract<Setting, { kind: 'value' | 'list' }>, item: string, at: JsonPath, regionsChecked = false): void {
    if (s.values && !s.values.includes(item)) {
      this.error(at, `'${item}' is not a value of ${this.name(at.filter((k) => typeof k === 'string' && !k.startsWith('@@')))}${suggest(item, s.values)}; use one of ${s.values.join(', ')}`);
    }
    if (s.kind === 'value' && s.integer) {
      const n = Number(item);
      if (!/^-?\d+$/.test(item) || n < s.integer.min || n > s.integer.max) this.error(at, `'${item}' must be a whole number from ${s.integer.min} to ${s.integer.max}`);
    }
    if (s.kind === 'list' && s.regions && !regionsChecked && !(s.regions === 'names-or-all-supported' && item === 'ALL_SUPPORTED') && !item.includes('${')) {
      const problem = regionProblem(item);
      if (problem) this.error(at, `${problem}${s.regions === 'names-or-all-supported' ? ' (or ALL_SUPPORTED)' : ''}`);
    }
  }

  wrongType(top: readonly string[]): void {
    const info = POLICY_TYPES[this.g.type];
    this.error([], `a ${info.label} document is ${top.length ? `{ ${top.map((k) => `"${k}": { ... }`).join(', ')} }` : 'an object of settings'} with settings set by inheritance operators (${info.syntax})`);
  }

  private childControl(v: Json, at: JsonPath): void {
    const list = Array.isArray(v) ? v : undefined;
    if (!list || list.length === 0 || !list.every((x) => typeof x === 'string' && CHILD_CONTROL_VALUES.includes(x))) {
      this.error(at, `${CHILD_CONTROL} takes a list of ${CHILD_CONTROL_VALUES.join(', ')}`);
      return;
    }
    if (list.length > 1 && (list.includes('@@none') || list.includes('@@all'))) this.error(at, `@@all and @@none stand alone in ${CHILD_CONTROL}`);
  }

  private name(at: JsonPath): string {
    const keys = at.filter((k): k is string => typeof k === 'string' && !k.startsWith('@@'));
    return keys.length ? `'${keys.join('.')}'` : 'the document';
  }

  private error(p: JsonPath, message: string): void {
    this.d.error(this.source.locate(['document', ...p]), this.code, `${POLICY_TYPES[this.g.type].label} '${this.g.id}': ${message}`);
  }

  private errorAtKey(p: JsonPath, key: string, message: string): void {
    this.d.error(this.source.locateKey(['document', ...p], key), this.code, `${POLICY_TYPES[this.g.type].label} '${this.g.id}': ${message}`);
  }
}
