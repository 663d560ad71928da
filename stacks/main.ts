/**
 * The cdktf app entry (cdktf.json "app"): loads the declaration from LZKIT_DIR (default: the
 * current folder) and synthesizes every stack. Refuses to synthesize while validation has errors.
 */
import { formatDiagnostic, loadLandingZone } from '../model';
import { synthesize } from './app';

const dir = process.env.LZKIT_DIR ?? process.cwd();
const result = loadLandingZone(dir);
if (result.model) {
  synthesize(result.model, process.env.CDKTF_OUTDIR);
} else {
  process.stderr.write(`${result.errors.map(formatDiagnostic).join('\n')}\nlzkit: nothing synthesized: fix the ${result.errors.length} error(s) above\n`);
  process.exitCode = 2;
}
