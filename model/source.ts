import * as fs from 'fs';
import * as path from 'path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostics } from './diagnostics';
import type { SourceLocation } from './types';

export type JsonPath = readonly (string | number)[];

/**
 * A parsed declaration or policy file that remembers where every value stands, so that a check
 * on the data can name the file, line and column of the element it is about.
 */
export class SourceFile {
  private constructor(
    /** Path relative to the declaration folder, as shown to users. */
    readonly file: string,
    readonly data: unknown,
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Reads a YAML file (or a JSON file with `json: true`, which is held to strict JSON grammar).
   * Returns undefined after reporting the syntax errors when the file cannot be parsed.
   */
  static read(dir: string, relative: string, diagnostics: Diagnostics, options: { json?: boolean } = {}): SourceFile | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, relative));
    } catch (e) {
      diagnostics.error({ file: relative, line: 1, column: 1 }, 'FILE_UNREADABLE', `cannot read ${relative} (${readProblem(e)}); make it a readable file or remove it`);
      return undefined;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      diagnostics.error({ file: relative, ...at }, 'NOT_UTF8', `${relative} is not UTF-8 text (invalid byte here); save it as UTF-8`);
      return undefined;
    }
    return SourceFile.parse(relative, text.replace(/^\uFEFF/, ''), diagnostics, options);
  }

  static parse(file: string, text: string, diagnostics: Diagnostics, options: { json?: boolean } = {}): SourceFile | undefined {
    const lines = new LineCounter();
    if (options.json) {
      try {
        JSON.parse(text);
      } catch {
        const { what, ...at } = jsonErrorLocation(text);
        diagnostics.error({ file, ...at }, 'POLICY_NOT_JSON', `${file} is not valid JSON (${what}); fix the JSON syntax at this position`);
        return undefined;
      }
    }
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = lines.linePos(e.pos[0]);
        const { code, message } = syntaxProblem(e.code, e.message, text.slice(e.pos[0], e.pos[0] + 200), options.json === true);
        diagnostics.error({ file, line: pos.line, column: pos.col }, code, message);
      }
      return undefined;
    }
    try {
      return new SourceFile(file, doc.toJS({ maxAliasCount: 100 }), doc, lines);
    } catch (e) {
      // yaml refuses to expand an alias "billion laughs": the only way toJS fails on a parsed document.
      diagnostics.error({ file, line: 1, column: 1 }, 'YAML_ALIAS_LIMIT', `${file} expands YAML aliases (*name) too many times (${firstLine((e as Error).message)}); write the values out instead of nesting aliases`);
      return undefined;
    }
  }

  /** Wraps data that has no text behind it (generated declarations, tests). */
  static fromData(file: string, data: unknown): SourceFile {
    return new SourceFile(file, data, undefined, new LineCounter());
  }

  /** The location of the value at `p` (or of its nearest existing ancestor). */
  locate(p: JsonPath): SourceLocation {
    return this.position(this.nodeAt(p)?.range?.[0]);
  }

  /** The location of the key `key` in the map at `p` (where an unknown key is reported). */
  locateKey(p: JsonPath, key: string): SourceLocation {
    const parent = this.nodeAt(p, true);
    if (parent && isMap(parent)) {
      for (const pair of parent.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return this.position(pair.key.range?.[0]);
      }
    }
    return this.locate([...p, key]);
  }

  private nodeAt(p: JsonPath, exact = false): Node | undefined {
    if (!this.doc) return undefined;
    let node: unknown = this.doc.contents;
    let last: Node | undefined = node as Node;
    for (const key of p) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(key));
        node = pair?.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else {
        node = undefined;
      }
      if (!node) return exact ? undefined : last;
      last = node as Node;
    }
    return last;
  }

  private position(offset: number | undefined): SourceLocation {
    if (offset === undefined) return { file: this.file, line: 1, column: 1 };
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** A yaml parse error as a stable code and a message that says what to do. */
function syntaxProblem(yamlCode: string, message: string, source: string, json: boolean): { code: string; message: string } {
  if (yamlCode === 'DUPLICATE_KEY') {
    const m = /^\s*(?:"([^"]*)"|'([^']*)'|([^\s:,{}[\]]+))/.exec(source);
    const key = m ? (m[1] ?? m[2] ?? m[3]) : '';
    return { code: 'DUPLICATE_KEY', message: `the key ${key ? `'${key}' ` : ''}appears twice in the same ${json ? 'object' : 'map'}; keep one (the readers of this file disagree which one wins)` };
  }
  if (yamlCode === 'MULTIPLE_DOCS') return { code: 'YAML_SYNTAX', message: 'the file holds more than one YAML document (a second ---); keep one' };
  return { code: json ? 'POLICY_NOT_JSON' : 'YAML_SYNTAX', message: `${firstLine(message)}; fix the ${json ? 'JSON' : 'YAML'} syntax here${json ? '' : ' (indentation, quotes, colons)'}` };
}

/** `EISDIR` -> `it is a folder`; other codes as the system names them. */
function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOENT') return 'it is a link to nothing';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? String(e);
}

/** Line and column of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(bytes: Buffer): { line: number; column: number } {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection: decoding a prefix cut inside a character fails too,
  // so the answer can be off by up to 3 bytes; the line is what users need.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  const before = bytes.subarray(0, lo).toString('utf8').split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Where strict JSON fails to parse: jsonc-parser's scanner gives an offset for every error kind. */
function jsonErrorLocation(text: string): { line: number; column: number; what: string } {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  const offset = first ? first.offset : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1, what: first ? words(printParseErrorCode(first.error)) : 'unexpected end of file' };
}

/** `CommaExpected` -> `comma expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
