import * as fs from 'fs';
import * as path from 'path';

/** What a benchmark child prints as its last line. */
export interface ChildReport { seconds: number; peakRssMb: number; resources: number }

/** Prints the child's report: time since `started`, its own peak RSS (whole process), resources written. */
export function reportChild(outdir: string, started: bigint): void {
  const out: ChildReport = {
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    peakRssMb: process.resourceUsage().maxRSS / 1024, // maxRSS is in kilobytes
    resources: countResources(outdir),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

export function countResources(outdir: string): number {
  let n = 0;
  for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, object> };
    for (const rs of Object.values(json.resource ?? {})) n += Object.keys(rs).length;
  }
  return n;
}
