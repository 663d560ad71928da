import type { StackView } from './synthesized';

export type Level = 'error' | 'warning';

/** One problem preflight found: what `--json` prints under `errors` or `warnings`. */
export interface PreflightFinding {
  /** The check or precondition rule (`apply/<guardrail>`, a rule id, `graph/plan`). */
  readonly rule: string;
  readonly level: Level;
  readonly stack: string;
  /** Terraform address (`aws_vpc.spoke`), or empty for a whole stack. */
  readonly resource: string;
  /** The declaration file that produced the resource, or the synthesized stack file. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
  /** The AWS or Terraform documentation the check stands on. */
  readonly doc: string;
}

/** Where a synthesized stack is written (relative to the declaration folder). */
export function stackFile(stack: string): string {
  return `cdktf.out/stacks/${stack}/cdk.tf.json`;
}

/**
 * The line to change for a resource: its declaration (`accounts/network.yaml:31`) when the
 * stack recorded one, else its line in the synthesized cdk.tf.json (written with two-space
 * indentation, as cdktf writes it).
 */
export function locate(stack: StackView | undefined, address: string): { file: string; line: number } {
  if (!stack) return { file: '', line: 0 };
  const [first, second, third] = address.split('.');
  const isData = first === 'data';
  const type = isData ? second : first;
  const name = isData ? third : second;
  const r = (isData ? stack.data : stack.resources).find((x) => x.type === type && x.name === name);
  if (r?.declaration) {
    const m = /^(.*?):(\d+)(?::\d+)?$/.exec(r.declaration);
    if (m) return { file: m[1], line: Number(m[2]) };
  }
  return { file: stackFile(stack.name), line: lineInStack(stack, isData ? 'data' : 'resource', type, name) };
}

const lineCache = new WeakMap<object, string[]>();

function lineInStack(stack: StackView, section: string, type: string | undefined, name: string | undefined): number {
  let lines = lineCache.get(stack.json);
  if (!lines) {
    lines = JSON.stringify(stack.json, null, 2).split('\n');
    lineCache.set(stack.json, lines);
  }
  const find = (from: number, indent: number, key: string | undefined): number => {
    if (key === undefined) return -1;
    const want = `${' '.repeat(indent)}${JSON.stringify(key)}: `;
    for (let i = Math.max(from, 0); i < lines.length; i++) if (lines[i].startsWith(want)) return i;
    return -1;
  };
  const s = find(0, 2, section);
  const t = s < 0 ? -1 : find(s, 4, type);
  const n = t < 0 ? -1 : find(t, 6, name);
  return (n >= 0 ? n : t >= 0 ? t : 0) + 1;
}
