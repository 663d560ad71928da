import * as fs from 'fs';
import * as path from 'path';

/** What a benchmark child prints as its last line. */
export interface ChildReport { seconds: number; peakRssMb: number; resources: number; stacks: number; maxStackResources: number }

/** Prints the child's report: time since `started`, its own peak RSS (whole process), resources and stacks written. */
export function reportChild(outdir: string, started: bigint): void {
  const perStack = resourcesPerStack(outdir);
  const out: ChildReport = {
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    peakRssMb: process.resourceUsage().maxRSS / 1024, // maxRSS is in kilobytes
    resources: [...perStack.values()].reduce((a, b) => a + b, 0),
    stacks: perStack.size,
    maxStackResources: Math.max(0, ...perStack.values()),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Resources per stack of a synthesized cdktf.out. */
export function resourcesPerStack(outdir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, object> };
    out.set(stack, Object.values(json.resource ?? {}).reduce((n, rs) => n + Object.keys(rs).length, 0));
  }
  return out;
}
