/** Benchmark child: the bare cdktf floor. Args: PLAN.json OUTDIR. */
import * as fs from 'fs';
import { synthBaseline, type BaselinePlan } from './synth-baseline';
import { reportChild } from './synth-report';

const started = process.hrtime.bigint();
const [planFile, out] = process.argv.slice(2);
// A compiled cdktf program captures and formats a plain stack trace for each token; under tsx
// (source maps on) each capture would also map every frame, a cost of the TypeScript runner, not
// of cdktf. lzkit's own saving (not formatting them at all) is lzkit's, so the floor keeps V8's.
process.setSourceMapsEnabled(false);
synthBaseline(JSON.parse(fs.readFileSync(planFile, 'utf8')) as BaselinePlan, out);
reportChild(out, started);
