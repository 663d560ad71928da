/**
 * The cdktf app entry (cdktf.json "app"): loads the declaration from LZKIT_DIR (default: the
 * current folder) and synthesizes every stack, with the moves since stacks.lock.json (then
 * writes the lock, as `lzkit synth` does). Refuses to synthesize while validation has errors.
 */
import { formatDiagnostic, loadLandingZone } from '../model';
import { synthesizeDeclaration } from './app';
import { FIRST_LOCK_NOTE, MoveError, StackLockError, writeStackLock } from './moves';

const dir = process.env.LZKIT_DIR ?? process.cwd();
const result = loadLandingZone(dir);
if (result.model) {
  try {
    const built = synthesizeDeclaration(result.model, process.env.CDKTF_OUTDIR);
    writeStackLock(result.model.dir, built.lock);
    if (built.firstLock) process.stderr.write(`lzkit: ${FIRST_LOCK_NOTE}\n`);
  } catch (e) {
    if (!(e instanceof MoveError || e instanceof StackLockError)) throw e;
    process.stderr.write(`${e.message}\nlzkit: nothing synthesized\n`);
    process.exitCode = 2;
  }
} else {
  process.stderr.write(`${result.errors.map(formatDiagnostic).join('\n')}\nlzkit: nothing synthesized: fix the ${result.errors.length} error(s) above\n`);
  process.exitCode = 2;
}
