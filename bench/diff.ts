/**
 * `npm run bench:diff -- --accounts N [--json]`: `lzkit diff` on a generated organization of N
 * accounts (bench/organization-generator.ts) and a change to one guardrail on one OU (region-deny
 * detached from the first OU it targets). Both sides are loaded, validated and synthesized first
 * (the diff's inputs, timed apart); `seconds` is the diff itself: decisions, organization,
 * access, network and resources from the two loaded sides. `simulateSeconds` is one effective-
 * guardrail matrix of the same organization (what `bench:simulate` times), measured in the same
 * run on a freshly loaded copy (a matrix of a third copy warms the process first, so neither
 * timed run pays for reading the IAM catalog). The last line is
 * {"accounts","seconds","decisionsChanged","simulateSeconds"}.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { formatDiagnostic, loadLandingZone } from '../model';
import { buildMatrix } from '../model/simulate';
import { diffDeclarations } from '../diff';
import { InvalidSideError, loadSide } from '../diff/sides';
import { generateOrganization } from './organization-generator';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

/** A copy of the declaration with region-deny detached from the first OU it targets. */
function changedCopy(dir: string): { dir: string; ou: string } {
  const copy = `${dir}-head`;
  fs.cpSync(dir, copy, { recursive: true });
  const file = path.join(copy, 'accounts', 'guardrails.yaml');
  const g = parse(fs.readFileSync(file, 'utf8')) as { attachments: { policy: string; targets: { ous?: string[] } }[] };
  const a = g.attachments.find((x) => x.policy === 'region-deny' && (x.targets.ous?.length ?? 0) > 1);
  if (!a) throw new Error('the generated declaration has no region-deny attachment on several OUs');
  const [ou] = a.targets.ous!.splice(0, 1);
  fs.writeFileSync(file, stringify(g));
  return { dir: copy, ou };
}

function freshCopy(dir: string) {
  const loaded = loadLandingZone(dir);
  if (!loaded.model) throw new Error(loaded.errors.map(formatDiagnostic).join('\n'));
  return loaded.model;
}

function run(accounts: number): void {
  const repo = path.join(__dirname, '..');
  const org = generateOrganization(repo, accounts);
  const head = changedCopy(org.dir);
  const sides: ReturnType<typeof loadSide>[] = [];
  try {
    let t = process.hrtime.bigint();
    sides.push(loadSide(org.dir, { flag: '--base', dir: org.dir }));
    sides.push(loadSide(head.dir, { flag: '--head', dir: head.dir }));
    const loadSeconds = since(t);

    // The IAM libraries read their catalog once per process: a matrix of a separate copy reads it
    // first, so neither timed run pays for it and each starts with its own parsed policies.
    buildMatrix(freshCopy(org.dir));

    t = process.hrtime.bigint();
    const report = diffDeclarations(sides[0].side, sides[1].side);
    const seconds = since(t);

    const matrixOf = freshCopy(org.dir);
    t = process.hrtime.bigint();
    const m = buildMatrix(matrixOf);
    const simulateSeconds = since(t);

    const s = report.summary;
    if (!process.argv.includes('--json')) {
      process.stdout.write(`${accounts} accounts, region-deny detached from ${head.ou}: ${s.decisionsChanged} decisions changed in ${s.evaluated.chains} chain(s) `
        + `(${s.evaluated.evaluations} evaluations of ${s.evaluated.actions} actions x ${s.evaluated.regions} regions), ${report.resources.length} resource change(s)\n`
        + `diff ${seconds.toFixed(3)} s vs one matrix ${simulateSeconds.toFixed(3)} s (${m.cells.length} decisions) = ${(seconds / simulateSeconds).toFixed(2)}x; `
        + `loading, validating and synthesizing both sides took ${loadSeconds.toFixed(1)} s before it\n`);
    }
    process.stdout.write(`${JSON.stringify({ accounts, seconds: Number(seconds.toFixed(3)), decisionsChanged: s.decisionsChanged, simulateSeconds: Number(simulateSeconds.toFixed(3)) })}\n`);
  } catch (e) {
    if (e instanceof InvalidSideError) throw new Error(`generated declaration is invalid:\n${e.diagnostics.map(formatDiagnostic).join('\n')}`);
    throw e;
  } finally {
    for (const s of sides) s.dispose();
    fs.rmSync(org.dir, { recursive: true, force: true });
    fs.rmSync(head.dir, { recursive: true, force: true });
  }
}

const accounts = Number(arg('accounts') ?? 1000);
if (Number.isInteger(accounts) && accounts >= 2) {
  run(accounts);
} else {
  process.stderr.write('usage: bench/diff.ts --accounts N [--json]  (N >= 2)\n');
  process.exitCode = 2;
}
