/**
 * Benchmark child: what `lzkit synth` does (load, validate, synthesize with the stack lock, write the lock).
 * Args: DIR OUTDIR [--settle-moves] (the driver's untimed first run: a settled lock, as a deployed organization has).
 */
import { formatDiagnostic, loadLandingZone } from '../model';
import { synthesizeDeclaration } from '../stacks/app';
import { writeStackLock } from '../stacks/moves';
import { reportChild } from './synth-report';

const started = process.hrtime.bigint();
const [dir, out] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const r = loadLandingZone(dir);
if (r.model) {
  writeStackLock(r.model.dir, synthesizeDeclaration(r.model, out, { settle: process.argv.includes('--settle-moves') }).lock);
  reportChild(out, started);
} else {
  process.stderr.write(`${r.errors.map(formatDiagnostic).join('\n')}\n`);
  process.exitCode = 2;
}
