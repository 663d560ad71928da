import * as fs from 'fs';
import * as path from 'path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node } from 'yaml';
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
    /** Maps a path in `data` to the path in the file (they differ once parts were left out). */
    private readonly toFilePath: (p: JsonPath) => JsonPath = (p) => p,
    /** Paths (in the file) of the parts left out by `withoutParts`. */
    readonly leftOut: readonly JsonPath[] = [],
    /** The data as the file holds it, before parts were left out. */
    readonly fileData: unknown = data,
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
    // logLevel error: a problem yaml would only warn about (a collection as a key) is reported below.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
    if (doc.errors.length > 0) {
      // yaml stops at about a thousand nested levels; the rest of the file was not read.
      const errors = doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION') ? doc.errors.filter((e) => e.code === 'RESOURCE_EXHAUSTION').slice(0, 1) : doc.errors;
      for (const e of errors) {
        const pos = lines.linePos(e.pos[0]);
        const { code, message } = syntaxProblem(e.code, e.message, text.slice(e.pos[0], e.pos[0] + 200), options.json === true);
        diagnostics.error({ file, line: pos.line, column: pos.col }, code, message);
      }
      return undefined;
    }
    const problems = structureProblems(doc);
    for (const p of problems) {
      const pos = lines.linePos(p.offset);
      diagnostics.error({ file, line: pos.line, column: pos.col }, p.code, p.message);
    }
    if (problems.length > 0) return undefined;
    // Aliases were checked above (defined, acyclic, bounded expansion); yaml's own per-anchor
    // count would refuse a file that merely reuses one anchor a hundred times.
    return new SourceFile(file, doc.toJS({ maxAliasCount: -1 }), doc, lines);
  }

  /**
   * This file with some parts left out (paths in `data`'s coordinates are translated back, so
   * every location still points at the file). Used when parts fail the structural pass.
   */
  withoutParts(data: unknown, toFilePath: (p: JsonPath) => JsonPath, leftOut: readonly JsonPath[]): SourceFile {
    return new SourceFile(this.file, data, this.doc, this.lines, toFilePath, leftOut, this.fileData);
  }

  /** Wraps data that has no text behind it (generated declarations, tests). */
  static fromData(file: string, data: unknown): SourceFile {
    return new SourceFile(file, data, undefined, new LineCounter());
  }

  /** The location of the value at `p` (or of its nearest existing ancestor). */
  locate(p: JsonPath): SourceLocation {
    return this.position(this.nodeAt(this.toFilePath(p))?.range?.[0]);
  }

  /** The location of the key `key` in the map at `p` (where an unknown key is reported). */
  locateKey(p: JsonPath, key: string): SourceLocation {
    const parent = this.nodeAt(this.toFilePath(p), true);
    if (parent && isMap(parent)) {
      for (const pair of parent.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return this.position(pair.key.range?.[0]);
      }
    }
    return this.position(this.nodeAt([...this.toFilePath(p), key])?.range?.[0]);
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

interface StructureProblem { readonly offset: number; readonly code: string; readonly message: string }

/** Values an alias may expand a file to before it is an attack rather than reuse ("billion laughs"). */
const MAX_EXPANDED_VALUES = 100_000;

/**
 * What yaml parses but lzkit cannot read as data, each at its place: an alias to no anchor, an
 * alias inside the value it names (a cycle), aliases that expand the file beyond reason, and a
 * list or map used as a key.
 */
function structureProblems(doc: Document): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const anchors: { name: string; node: Node; start: number }[] = [];
  const aliases: { alias: Alias; start: number }[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.anchor && n.range) anchors.push({ name: n.anchor, node: n, start: n.range[0] });
    if (isAlias(n)) {
      aliases.push({ alias: n, start: n.range?.[0] ?? 0 });
    } else if (isMap(n)) {
      for (const pair of n.items) {
        if (isCollection(pair.key)) {
          problems.push({ offset: (pair.key as Node).range?.[0] ?? 0, code: 'YAML_COMPLEX_KEY', message: 'a list or map is used as a key (? [a, b]: ...); keys are plain names: write the key as text' });
        }
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(n)) {
      n.items.forEach(walk);
    }
  };
  walk(doc.contents);
  // As yaml resolves them: the last anchor of that name before the alias.
  const targets = new Map<Alias, Node>();
  for (const { alias, start } of aliases) {
    const target = anchors.filter((a) => a.name === alias.source && a.start < start).pop();
    if (!target) {
      problems.push({ offset: start, code: 'YAML_UNDEFINED_ALIAS', message: `the alias *${alias.source} names no anchor &${alias.source} before it; define the anchor first, or write the value out` });
    } else if (target.node.range && start < target.node.range[1]) {
      problems.push({ offset: start, code: 'YAML_ALIAS_CYCLE', message: `the alias *${alias.source} stands inside the value it names, so the value would contain itself without end; write the value out` });
    } else {
      targets.set(alias, target.node);
    }
  }
  if (problems.length > 0) return problems;
  if (aliases.length === 0) return problems;
  const sizes = new Map<Node, number>();
  const size = (node: unknown): number => {
    if (!node || typeof node !== 'object') return 1;
    const n = node as Node;
    const known = sizes.get(n);
    if (known !== undefined) return known;
    let total = 1;
    if (isAlias(n)) total = size(targets.get(n));
    else if (isMap(n)) for (const pair of n.items) total += size(pair.key) + size(pair.value);
    else if (isSeq(n)) for (const item of n.items) total += size(item);
    total = Math.min(total, Number.MAX_SAFE_INTEGER);
    sizes.set(n, total);
    return total;
  };
  const expanded = size(doc.contents);
  if (expanded > MAX_EXPANDED_VALUES) {
    // Name the alias that expands the most: where the growth comes from.
    const worst = aliases.reduce((a, b) => (size(b.alias) > size(a.alias) ? b : a));
    problems.push({
      offset: worst.start, code: 'YAML_ALIAS_LIMIT',
      message: `the aliases of this file expand it to over ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values (this *${worst.alias.source} alone to ${size(worst.alias).toLocaleString('en-US')}), as in a "billion laughs" attack; write the values out instead of nesting aliases`,
    });
  }
  return problems;
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
  if (yamlCode === 'RESOURCE_EXHAUSTION') {
    return { code: 'NESTING_TOO_DEEP', message: `the ${json ? 'JSON' : 'YAML'} nests deeper than lzkit reads (about a thousand levels) from here; the syntax may be fine, but no declaration needs this depth: flatten it` };
  }
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
