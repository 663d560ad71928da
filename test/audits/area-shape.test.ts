import * as fs from 'fs';
import * as path from 'path';
import { AREAS, CORE, RUNNING_AREAS } from '../../audits/areas';

/*
 * An audit area is one folder (audits/areas/<area>/), registered in one explicit list
 * (audits/areas/index.ts). These tests read the import graph of audits/ to prove the shape holds:
 * nothing but the list names an area, no area reaches into another, and there is no import
 * circle anywhere - type-only imports included.
 */

const AUDITS = path.join(__dirname, '..', '..', 'audits');
const AREAS_DIR = path.join(AUDITS, 'areas');
const REGISTRY = path.join(AREAS_DIR, 'index.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative module a file imports or re-exports (`import type` and `export ... from` too), resolved to a file. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*'(\.[^']+)'/gms)].map((m) => m[1]);
  return specifiers.map((s) => {
    const base = path.resolve(path.dirname(file), s);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
    throw new Error(`${path.relative(AUDITS, file)} imports '${s}', which resolves to no file`);
  }).filter((f) => f.startsWith(AUDITS));
}

const files = sources(AUDITS);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(AUDITS, f);
/** The area folder a file belongs to (`logging`), or undefined outside audits/areas/<area>/. */
const areaOf = (f: string): string | undefined => {
  const r = path.relative(AREAS_DIR, f);
  return !r.startsWith('..') && r.includes(path.sep) ? r.split(path.sep)[0] : undefined;
};

describe('an audit area is one folder, registered in one list', () => {
  it('the graph scan reads real imports (guards the scanner itself)', () => {
    expect(graph.get(REGISTRY)!.map(rel)).toEqual(expect.arrayContaining(['areas/logging/index.ts', 'areas/organization/index.ts']));
    expect(graph.get(path.join(AUDITS, 'drift', 'index.ts'))!.map(rel)).toContain('areas/index.ts');
  });

  it('nothing but audits/areas/index.ts imports from an area\'s folder', () => {
    const outside = [...graph].flatMap(([file, deps]) => deps.filter((d) => areaOf(d) !== undefined && areaOf(d) !== areaOf(file) && file !== REGISTRY).map((d) => `${rel(file)} -> ${rel(d)}`));
    expect(outside).toEqual([]);
  });

  it('an area builds on the kernel only: it imports no other area and neither the list nor an engine (so it cannot close a circle)', () => {
    const engines = ['areas/index.ts', 'collect/index.ts', 'collect/api-actions.ts', 'drift/index.ts', 'drift/complete.ts', 'drift/coverage.ts', 'drift/unauditable.ts',
      'sandbox/index.ts', 'sandbox/server.ts', 'sandbox/seed.ts', 'sandbox/scenarios.ts', 'import/index.ts', 'snapshot.ts', 'audit.ts'];
    const bad = [...graph].filter(([file]) => areaOf(file)).flatMap(([file, deps]) => deps
      .filter((d) => engines.includes(rel(d).split(path.sep).join('/')))
      .map((d) => `${rel(file)} -> ${rel(d)}`));
    expect(bad).toEqual([]);
  });

  it('has no import circle in audits/', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(f)), f].map(rel).join(' -> '));
        return;
      }
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) visit(d);
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) visit(f);
    expect(cycles).toEqual([]);
  });

  it('every area folder is in the list, once, and each area has what the engines ask of it', () => {
    const folders = fs.readdirSync(AREAS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const listed = graph.get(REGISTRY)!.map((d) => areaOf(d)).filter((a): a is string => a !== undefined);
    expect([...new Set(listed)].sort()).toEqual(folders);
    expect(new Set(AREAS.map((a) => a.key)).size).toBe(AREAS.length);
    for (const area of RUNNING_AREAS) {
      expect(area.actions.actions.length).toBeGreaterThan(0);
      expect(area.categories.length).toBeGreaterThan(0);
      expect(area.checks.length).toBeGreaterThan(0);
      expect(area.coverage.every((c) => c.path === area.key || c.path.startsWith(`${area.key}.`))).toBe(true);
    }
    expect(CORE.checks.length).toBeGreaterThan(0);
  });

  it('no two areas declare the same category, service or scenario', () => {
    const all = [CORE, ...RUNNING_AREAS];
    const dupes = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dupes(all.flatMap((a) => a.categories.map((c) => c.id)))).toEqual([]);
    expect(dupes(all.flatMap((a) => a.sandbox.map((s) => s.service)))).toEqual([]);
    expect(dupes(all.flatMap((a) => a.scenarios.map((s) => s.name)))).toEqual([]);
  });
});
