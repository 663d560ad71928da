/** Benchmark child: what `lzkit synth` does (load, validate, synthesize). Args: DIR OUTDIR. */
import { formatDiagnostic, loadLandingZone } from '../model';
import { synthesize } from '../stacks/app';
import { reportChild } from './synth-report';

const started = process.hrtime.bigint();
const [dir, out] = process.argv.slice(2);
const r = loadLandingZone(dir);
if (r.model) {
  synthesize(r.model, out);
  reportChild(out, started);
} else {
  process.stderr.write(`${r.errors.map(formatDiagnostic).join('\n')}\n`);
  process.exitCode = 2;
}
