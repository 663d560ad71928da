/**
 * `npm run demo`: the drift audit end to end, offline. Starts the sandbox serving the example
 * declaration with three drifts, audits it with the real collectors, prints the table, writes
 * reports/audit.sarif and reports/audit.json, and stops the sandbox. Needs no network and no
 * AWS account: the sandbox accepts the dummy credentials below and nothing else is called.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadLandingZoneOrThrow } from '../model';
import { runAudit } from './audit';
import { reporterFor } from './report';
import { sandboxOrganization, startSandbox } from './sandbox';
import { readOr } from './snapshot';

const DRIFT = ['scp-detached', 'account-moved', 'unmanaged-account'];
const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDLZKITDEMO', secretAccessKey: 'lzkit-demo-not-a-secret' };

/** Runs the demo on the declaration in `dir` (default: the example shipped with lzkit). */
export async function runDemo(dir: string = path.resolve(__dirname, '..')): Promise<void> {
  const lz = loadLandingZoneOrThrow(dir);
  const sandbox = await startSandbox({ snapshot: sandboxOrganization({ lz }, DRIFT), latencyMs: 5 });
  process.stdout.write(`sandbox at ${sandbox.endpoint} serving the example organization with drift: ${DRIFT.join(', ')}\n\n`);
  try {
    const result = await runAudit({ lz, endpoint: sandbox.endpoint, credentials: DUMMY_CREDENTIALS, region: lz.organization.homeRegion });
    const report = { lz, snapshot: result.snapshot, findings: result.findings, generatedAt: new Date().toISOString() };
    process.stdout.write(reporterFor('table')!.render(report));
    const out = path.join(dir, 'reports');
    fs.mkdirSync(out, { recursive: true });
    for (const format of ['sarif', 'json']) {
      const r = reporterFor(format)!;
      const file = path.join(out, `audit.${r.extension}`);
      fs.writeFileSync(file, r.render(report));
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
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
