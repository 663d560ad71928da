/**
 * `npm run demo`: the drift audit end to end, offline. Starts the sandbox serving the example
 * declaration with three drifts, audits it with the real collectors, prints the table, writes
 * audit.sarif and audit.json into a new temporary folder (never into the user's folder: the
 * demo's drift is not theirs), and stops the sandbox. Needs no network and no AWS account: the
 * sandbox accepts the dummy credentials below and nothing else is called.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadLandingZoneOrThrow } from '../model';
import { PACKAGE_ROOT } from '../model/paths';
import { runAudit } from './audit';
import { declarationCommit, reporterFor } from './report';
import { sandboxOrganization, startSandbox } from './sandbox';
import { readOr } from './snapshot';

const DRIFT = ['scp-detached', 'account-moved', 'unmanaged-account'];
const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDLZKITDEMO', secretAccessKey: 'lzkit-demo-not-a-secret' };

/** Runs the demo on the declaration in `dir` (default: the example shipped with lzkit). */
export async function runDemo(dir: string = PACKAGE_ROOT): Promise<void> {
  const lz = loadLandingZoneOrThrow(dir);
  const sandbox = await startSandbox({ snapshot: sandboxOrganization({ lz }, DRIFT), latencyMs: 5 });
  process.stdout.write(`sandbox at ${sandbox.endpoint} serving the example organization with drift: ${DRIFT.join(', ')}\n\n`);
  try {
    const result = await runAudit({ lz, endpoint: sandbox.endpoint, credentials: DUMMY_CREDENTIALS, region: lz.organization.homeRegion });
    const report = { lz, snapshot: result.snapshot, findings: result.findings, generatedAt: new Date().toISOString(), declarationCommit: declarationCommit(dir) };
    process.stdout.write(reporterFor('table')!.render(report));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-demo-'));
    for (const format of ['sarif', 'json']) {
      const r = reporterFor(format)!;
      const file = path.join(out, `audit.${r.extension}`);
      fs.writeFileSync(file, r.render(report));
      process.stdout.write(`wrote the demo's ${format} report to ${file}\n`);
    }
    const calls = sandbox.stats().apiCalls;
    process.stdout.write(`\n${readOr(result.snapshot.accounts, []).length} accounts read with ${calls} API calls; lzkit audit would exit ${result.exitCode}\n`);
  } finally {
    await sandbox.stop();
  }
}

if (require.main === module) {
  runDemo().catch((e: Error) => {
    process.stderr.write(`demo: ${e.message}\n`);
    process.exitCode = 2;
  });
}
