import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostics } from './diagnostics';
import { SCHEMA_DIR } from './paths';
import type { JsonPath, SourceFile } from './source';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
// Annotation only: a schema's own hint for a value that fails `pattern` or `format`.
ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schemaFile: string): ValidateFunction {
  let v = compiled.get(schemaFile);
  if (!v) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, schemaFile), 'utf8')) as Record<string, unknown>;
    v = ajv.compile(schema);
    compiled.set(schemaFile, v);
  }
  return v;
}

/**
 * The structural pass: checks a file against its published JSON Schema (schema/NAME) and reports
 * every violation at the line of the offending key or value. Returns true when the file conforms.
 */
export function checkStructure(source: SourceFile, schemaFile: string, diagnostics: Diagnostics): boolean {
  const validate = validatorFor(schemaFile);
  if (validate(source.data)) return true;
  for (const e of relevantErrors(validate.errors ?? [])) report(source, e, diagnostics);
  return false;
}

/**
 * The structural pass for a declaration file, reporting as checkStructure does; then the parts of
 * the file that conform, so the meaning pass can check them in the same run. A part that fails is
 * left out whole: an unknown key, the array item (an account, an OU, a spoke) that holds the
 * error, or else the failing value; when that leaves the file without a required part, nothing
 * of it is usable (undefined).
 */
export function usableParts(source: SourceFile, schemaFile: string, diagnostics: Diagnostics): SourceFile | undefined {
  const validate = validatorFor(schemaFile);
  if (validate(source.data)) return source;
  for (const e of relevantErrors(validate.errors ?? [])) report(source, e, diagnostics);
  const removed = new Set<string>();
  // Each round removes what failed; the next validation shows what that left unsatisfied.
  for (let round = 0; round < 64; round++) {
    const kept = compact(source.data, removed);
    if (validate(kept.data)) return source.withoutParts(kept.data, kept.toOriginal, [...removed].map((k) => JSON.parse(k) as JsonPath));
    for (const e of validate.errors ?? []) {
      const target = kept.toOriginal(removalTarget(e));
      if (target.length === 0) return undefined;
      removed.add(JSON.stringify(target));
    }
  }
  return undefined;
}

/** What to leave out for one error: the unknown key, else the innermost array item, else the value. */
function removalTarget(e: ErrorObject): JsonPath {
  const p = toPath(e.instancePath);
  if (e.keyword === 'additionalProperties') return [...p, String((e.params as { additionalProperty: string }).additionalProperty)];
  for (let i = p.length - 1; i >= 0; i--) if (typeof p[i] === 'number') return p.slice(0, i + 1);
  return p;
}

/**
 * `data` without the parts at `removed` (paths in `data`), and the way back from a path in the
 * result to the path in `data` (array items shift when an earlier one is left out).
 */
function compact(data: unknown, removed: ReadonlySet<string>): { data: unknown; toOriginal: (p: JsonPath) => JsonPath } {
  const keptIndexes = new Map<string, number[]>();
  const copy = (v: unknown, at: JsonPath): unknown => {
    if (Array.isArray(v)) {
      const kept: number[] = [];
      const out: unknown[] = [];
      v.forEach((x, i) => {
        if (removed.has(JSON.stringify([...at, i]))) return;
        kept.push(i);
        out.push(copy(x, [...at, i]));
      });
      keptIndexes.set(JSON.stringify(at), kept);
      return out;
    }
    if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!removed.has(JSON.stringify([...at, k]))) out[k] = copy(x, [...at, k]);
      return out;
    }
    return v;
  };
  const result = copy(data, []);
  const toOriginal = (p: JsonPath): JsonPath => {
    const out: (string | number)[] = [];
    for (const k of p) {
      const kept = typeof k === 'number' ? keptIndexes.get(JSON.stringify(out)) : undefined;
      out.push(kept && typeof k === 'number' && k < kept.length ? kept[k] : k);
    }
    return out;
  };
  return { data: result, toOriginal };
}

/** Drops the noise ajv adds around a oneOf/anyOf failure when a more precise error exists. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const precise = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const list = precise.length > 0 ? precise : errors;
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toPath(instancePath: string): JsonPath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(p: JsonPath): string {
  return p.length === 0 ? 'the document' : `'${p.join('.')}'`;
}

function report(source: SourceFile, e: ErrorObject, diagnostics: Diagnostics): void {
  const p = toPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = allowedKeys(e);
      diagnostics.error(source.locateKey(p, key), 'UNKNOWN_KEY',
        `unknown key '${key}' in ${describe(p)}; remove it or correct the spelling${allowed ? ` (allowed: ${allowed})` : ''}`);
      return;
    }
    case 'required':
      diagnostics.error(source.locate(p), 'MISSING_FIELD', `${describe(p)} is missing the required field '${String(params.missingProperty)}'; add it`);
      return;
    case 'type':
      diagnostics.error(source.locate(p), 'WRONG_TYPE', wrongType(p, String(params.type), e.data));
      return;
    case 'enum':
      diagnostics.error(source.locate(p), 'INVALID_VALUE',
        `${describe(p)} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`);
      return;
    case 'pattern':
    case 'format':
      diagnostics.error(source.locate(p), 'INVALID_FORMAT', `${describe(p)} ${formatHint(e)}`);
      return;
    default:
      diagnostics.error(source.locate(p), 'SCHEMA_VIOLATION', `${describe(p)} ${e.message ?? 'is invalid'}; see the schema in schema/`);
  }
}

const NOUNS: Record<string, string> = {
  object: 'a map (key: value)', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false',
};

/** What a value is, in the words of the YAML/JSON a user wrote. */
function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data (!!binary)';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'number' && !Number.isFinite(v)) return 'a number too large to hold';
  if (typeof v === 'number') return Number.isInteger(v) ? `the number ${v}` : `the number ${v} (not whole)`;
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  return `${typeof v} ${String(v)}`;
}

function wrongType(p: JsonPath, expected: string, actual: unknown): string {
  const want = expected.split(',').map((t) => NOUNS[t] ?? t).join(' or ');
  if (p.length === 0 && (actual === null || actual === undefined)) return `the file is empty; it must be ${want} (see the example declaration)`;
  // A 12-digit id or a version written unquoted is read as a number (and loses leading zeros).
  const quote = expected === 'string' && typeof actual === 'number' && Number.isFinite(actual) ? `; quote it ("${String(actual)}")` : '; change the value';
  return `${describe(p)} must be ${want}, not ${kindOf(actual)}${quote}`;
}

function allowedKeys(e: ErrorObject): string | undefined {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).join(', ') : undefined;
}

function formatHint(e: ErrorObject): string {
  const desc = (e.parentSchema as { description?: string; errorMessage?: string } | undefined);
  if (desc?.errorMessage) return desc.errorMessage;
  return `${e.message ?? 'has the wrong format'}; correct the value`;
}
