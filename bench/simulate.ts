/**
 * `npm run bench:simulate -- --accounts N [--json]`: the effective-guardrail matrix (every
 * account x the default sensitive actions x every allowed region plus one outside) for a
 * generated organization of N accounts with the repo's guardrail library. Accounts with the same
 * policy chain are evaluated once. The last line is {"accounts","decisions","seconds","uniqueChains"}.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadLandingZone, formatDiagnostic } from '../model';
import { buildMatrix } from '../model/simulate';
import { generateOrganization } from './organization-generator';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function run(accounts: number): void {
  const repo = path.join(__dirname, '..');
  const org = generateOrganization(repo, accounts);
  try {
    const loaded = loadLandingZone(org.dir);
    if (!loaded.model) throw new Error(`generated declaration is invalid:\n${loaded.errors.map(formatDiagnostic).join('\n')}`);
    const started = process.hrtime.bigint();
    const m = buildMatrix(loaded.model);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const decisions = m.cells.length;
    if (!process.argv.includes('--json')) {
      process.stdout.write(`${accounts} accounts x ${m.actions.length} actions x ${m.regions.length} regions = ${decisions} decisions in ${seconds.toFixed(3)} s `
        + `(${Math.round(decisions / seconds)} decisions/s; ${m.uniqueChains} distinct chains, ${m.evaluations} engine evaluations)\n`);
    }
    process.stdout.write(`${JSON.stringify({ accounts, decisions, seconds: Number(seconds.toFixed(3)), uniqueChains: m.uniqueChains })}\n`);
  } finally {
    fs.rmSync(org.dir, { recursive: true, force: true });
  }
}

const accounts = Number(arg('accounts') ?? 1000);
if (Number.isInteger(accounts) && accounts >= 2) {
  run(accounts);
} else {
  process.stderr.write('usage: bench/simulate.ts --accounts N [--json]  (N >= 2)\n');
  process.exitCode = 2;
}
