/** Benchmark child: what `lzkit synth` does (load, validate, synthesize with the stack lock, write the lock). Args: DIR OUTDIR. */
import { formatDiagnostic, loadLandingZone } from '../model';
import { synthesizeDeclaration } from '../stacks/app';
import { writeStackLock } from '../stacks/moves';
import { reportChild } from './synth-report';

const started = process.hrtime.bigint();
const [dir, out] = process.argv.slice(2);
const r = loadLandingZone(dir);
if (r.model) {
  writeStackLock(r.model.dir, synthesizeDeclaration(r.model, out).lock);
  reportChild(out, started);
} else {
  process.stderr.write(`${r.errors.map(formatDiagnostic).join('\n')}\n`);
  process.exitCode = 2;
}
