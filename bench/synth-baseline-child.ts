/** Benchmark child: the bare cdktf floor. Args: PLAN.json OUTDIR. */
import * as fs from 'fs';
import { synthBaseline, type BaselinePlan } from './synth-baseline';
import { reportChild } from './synth-report';

const started = process.hrtime.bigint();
const [planFile, out] = process.argv.slice(2);
synthBaseline(JSON.parse(fs.readFileSync(planFile, 'utf8')) as BaselinePlan, out);
reportChild(out, started);
