import * as fs from 'fs';
import type { Command } from 'commander';
import { DRIFT_SCENARIOS } from '../../audits/sandbox/scenarios';
import { AUDIT_ROLE_ACTIONS, CALLER_ACTIONS, iamAction } from '../../audits/collect/api-actions';
import { readOr, SnapshotError } from '../../audits/snapshot';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';
import { checkFileTarget } from '../output';

interface SandboxFlags extends DirOptions {
  snapshot?: string;
  fromDeclaration?: boolean;
  drift: string[];
  port: number;
  latencyMs: number;
  tps?: number;
  failAccounts: string[];
  errorRate: number;
  seed: number;
  pageSize: number;
  writeEnv?: string;
  failOperation: string[];
  expireCredentialsAfter?: number;
  invalidCredentials?: boolean;
}

/** `SERVICE:Operation` of an operation the audit calls (its IAM action or SDK operation name). */
const auditOperation = (v: string, all: string[]): string[] => {
  const at = v.indexOf(':');
  const known = [...AUDIT_ROLE_ACTIONS, ...CALLER_ACTIONS];
  if (at < 1 || !known.includes(iamAction(v.slice(0, at), v.slice(at + 1)))) {
    throw new CliError(`--fail-operation '${v}' is not an operation the audit calls; use SERVICE:Operation, one of ${known.join(', ')}`);
  }
  return [...all, v];
};

/** A number flag within [min, max] (whole when `whole`), or one clear line. */
const numberIn = (name: string, min: number, max: number, whole = false, aboveMin = false) => (v: string): number => {
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(n) || n < min || (aboveMin && n === min) || n > max || (whole && !Number.isInteger(n))) {
    const kind = whole ? 'whole number' : 'number';
    throw new CliError(`${name} must be a ${kind} ${max === Infinity ? `${aboveMin ? '>' : '>='} ${min}` : `from ${min} to ${max}`}, got '${v}'`);
  }
  return n;
};
const nonNegative = (name: string) => numberIn(name, 0, Infinity);

export function register(program: Command): void {
  withDir(program.command('sandbox'))
    .description('serve the AWS APIs the audit reads on 127.0.0.1 (set AWS_ENDPOINT_URL to the printed endpoint); stops on Ctrl-C')
    .option('--snapshot <file>', 'serve the organization recorded in a snapshot')
    .option('--from-declaration', 'serve the declaration as if deployed perfectly (the default)')
    .option('--drift <name>', `apply a drift scenario (repeatable): ${[...DRIFT_SCENARIOS.keys()].join(', ')}`, (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--port <n>', 'port to listen on (0: any free port)', numberIn('--port', 0, 65535, true), 0)
    .option('--latency-ms <n>', 'added to every answer', nonNegative('--latency-ms'), 0)
    .option('--tps <n>', 'calls per second per operation before answering as AWS throttles', numberIn('--tps', 0, Infinity, false, true))
    .option('--fail-accounts <ids>', 'deny AssumeRole into these account ids (comma separated)', (v: string, all: string[]) => [...all, ...v.split(',').map((s) => s.trim()).filter(Boolean)], [] as string[])
    .option('--error-rate <r>', 'share of calls failing as AWS or the network can fail them: HTTP 500, 502, 503, 504 or a connection reset (0..1)', numberIn('--error-rate', 0, 1), 0)
    .option('--seed <n>', 'seed of --error-rate: the same seed fails the same calls the same way', numberIn('--seed', 0, 2 ** 32 - 1, true), 1)
    .option('--fail-operation <service:operation>', 'answer this operation AccessDenied everywhere, every time (repeatable), e.g. organizations:ListPolicies', auditOperation, [] as string[])
    .option('--expire-credentials-after <seconds>', 'session credentials the sandbox issues stop working this long after issue, whatever their expiration says', numberIn('--expire-credentials-after', 0, Infinity, false, true))
    .option('--invalid-credentials', 'refuse every call as signed with credentials AWS does not know')
    .option('--page-size <n>', 'items per page of every list', numberIn('--page-size', 1, Infinity, true), 3)
    // Not --env-file: Node takes that argument as its own even after the script name and exits
    // when the file does not exist yet (nodejs/node#54232).
    .option('--write-env <file>', 'write AWS_ENDPOINT_URL, dummy credentials and AWS_REGION to FILE once listening (removed when the sandbox stops)')
    .action(async (opts: SandboxFlags) => {
      if (opts.writeEnv) checkFileTarget('--write-env', opts.writeEnv);
      // The server and its seeding load only when a sandbox starts.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { sandboxOrganization, startSandbox } = require('../../audits/sandbox') as typeof import('../../audits/sandbox');
      if (opts.snapshot && opts.fromDeclaration) throw new CliError('use either --snapshot or --from-declaration, not both');
      for (const d of opts.drift) {
        if (!DRIFT_SCENARIOS.has(d)) throw new CliError(`unknown drift scenario '${d}'; known: ${[...DRIFT_SCENARIOS.keys()].join(', ')}`);
      }
      let snapshot;
      try {
        const note = (n: string) => process.stderr.write(`note: ${n}\n`);
        snapshot = sandboxOrganization(opts.snapshot ? { snapshotFile: opts.snapshot, onNote: note } : { lz: loadDeclaration(opts.dir) }, opts.drift);
      } catch (e) {
        if (e instanceof SnapshotError) throw new CliError(e.message);
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot apply the drift scenarios: ${(e as Error).message}`);
      }
      const accounts = readOr(snapshot.accounts, []);
      const unknown = opts.failAccounts.filter((id) => !accounts.some((a) => a.id === id));
      if (unknown.length) throw new CliError(`--fail-accounts names ${unknown.join(', ')}, which the sandbox organization does not hold`);
      const sandbox = await startSandbox({
        snapshot, port: opts.port, latencyMs: opts.latencyMs, tps: opts.tps, failAccounts: opts.failAccounts,
        errorRate: opts.errorRate, seed: opts.seed, pageSize: opts.pageSize, failOperations: opts.failOperation,
        expireCredentialsAfterSeconds: opts.expireCredentialsAfter, invalidCredentials: opts.invalidCredentials,
      }).catch((e: NodeJS.ErrnoException) => {
        throw new CliError(e.code === 'EADDRINUSE'
          ? `port ${opts.port} on 127.0.0.1 is in use; choose another --port, or --port 0 for any free port`
          : `cannot listen on 127.0.0.1:${opts.port}: ${e.message}`);
      });
      process.stdout.write(`AWS_ENDPOINT_URL=${sandbox.endpoint}\n`);
      if (opts.writeEnv) {
        try {
          writeEnvFile(opts.writeEnv, sandboxEnvironment(sandbox.endpoint, snapshot.region));
        } catch (e) {
          await sandbox.stop();
          throw e;
        }
      }
      process.stderr.write(`sandbox: organization ${snapshot.organization.id}, ${accounts.length} accounts${opts.drift.length ? `, drift: ${opts.drift.join(', ')}` : ''}; `
        + `${opts.writeEnv ? `environment in ${opts.writeEnv}; ` : ''}Ctrl-C stops it, and so does the end of the process that started it\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = () => {
          if (stopping) return;
          stopping = true;
          if (opts.writeEnv) fs.rmSync(opts.writeEnv, { force: true });
          sandbox.stop().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        // Started in the background (`npx lzkit sandbox &`) by a process that is then killed, the
        // sandbox would serve on forever: when the process that started it is gone, stop.
        const parent = process.ppid;
        const starters = startingProcesses();
        const watch = setInterval(() => { if (process.ppid !== parent || !starters.every(running)) stop(); }, PARENT_CHECK_MS);
        watch.unref();
      });
    });
}

/** How often the sandbox looks whether the process that started it still runs. */
const PARENT_CHECK_MS = 500;

/**
 * The parent, and on Linux the parent's parent when it is not init: npx runs a package's bin
 * through `sh -c`, and that shell stays (waiting for us) when npx itself is killed.
 */
function startingProcesses(): number[] {
  const grandparent = procStat(process.ppid)?.ppid;
  return [process.ppid, ...(grandparent && grandparent > 1 ? [grandparent] : [])];
}

/** Whether a process runs (a zombie has ended: only its exit status waits to be collected). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return procStat(pid)?.state !== 'Z';
}

/** State and parent of a process from /proc (Linux; undefined elsewhere or when it is gone). */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** What the AWS SDK (and so `lzkit audit`) needs to talk to the sandbox: it accepts any credentials. */
export function sandboxEnvironment(endpoint: string, region: string): Record<string, string> {
  return { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'lzkit-sandbox', AWS_SECRET_ACCESS_KEY: 'lzkit-sandbox-not-a-secret', AWS_REGION: region };
}

/**
 * KEY=value lines: `set -a; . FILE; set +a` in a shell, `node --env-file=FILE`, `docker run --env-file FILE`.
 * Written beside and renamed, so whoever waits for the file never reads half of it.
 */
function writeEnvFile(file: string, env: Record<string, string>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`cannot write --write-env ${file} (${(e as Error).message}); choose another path`);
  }
}
