/** Benchmark child: the bare cdktf floor. Args: PLAN.json OUTDIR. */
import * as fs from 'fs';
import { withPlainStackTraces } from '../stacks/cdktf';
import { synthBaseline, type BaselinePlan } from './synth-baseline';
import { reportChild } from './synth-report';

const started = process.hrtime.bigint();
const [planFile, out] = process.argv.slice(2);
// A compiled cdktf program captures plain stack traces for its tokens; under tsx (source maps on)
// each capture would map every frame, a cost of the TypeScript runner, not of cdktf.
withPlainStackTraces(() => synthBaseline(JSON.parse(fs.readFileSync(planFile, 'utf8')) as BaselinePlan, out));
reportChild(out, started);
