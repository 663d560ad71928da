import * as path from 'path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { buildMatrix, readActionList, simulate, SimulationError, type Matrix, type SimulationResult } from '../../model/simulate';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { runPermissionSetSimulation } from '../permission-set-simulation';
import { CliError } from '../errors';

interface SimulateOptions extends DirOptions {
  account?: string;
  permissionSet?: string;
  action?: string;
  region?: string;
  principal?: string;
  principalTag: string[];
  anonymous?: boolean;
  resource?: string;
  context: string[];
  json?: boolean;
  expect?: string;
  matrix?: boolean;
  actions?: string;
  format: string;
}

const FORMATS = ['table', 'csv', 'json', 'markdown'] as const;

export function register(program: Command): void {
  withDir(program.command('simulate'))
    .description('evaluate a request against the SCPs and RCPs that reach an account (or --matrix: every account x sensitive action x region)')
    .option('--account <name|id>', 'account name or 12-digit id')
    .option('--action <service:Action>', 'one IAM action, e.g. ec2:RunInstances')
    .option('--region <region>', 'requested region (default: the home region)')
    .option('--permission-set <name>', 'evaluate as a person signed in with this Identity Center permission set (accounts/identity.yaml)')
    .option('--principal <arn|role>', 'role/user/root/assumed-role ARN, service principal, or a role name in the account')
    .option('--principal-tag <key=value>', 'a tag of the calling principal (aws:PrincipalTag/KEY), repeatable', (v: string, acc: string[]) => [...acc, v], [])
    .option('--anonymous', 'an unauthenticated caller: no SCP applies, the RCPs of the resource account decide')
    .option('--resource <arn>', 'resource ARN (default: *)')
    .option('--context <key=value>', 'context key, repeatable (the same key twice makes a list)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--json', 'print the result as JSON')
    .option('--expect <allow|deny>', 'exit 1 when the decision differs')
    .option('--matrix', 'the effective-guardrail matrix for the whole organization')
    .option('--actions <file>', 'with --matrix: YAML file with actions: [...] (default: policies/matrix-actions.yaml)')
    .option('--format <format>', `with --matrix: ${FORMATS.join('|')}`, 'table')
    .action((opts: SimulateOptions, cmd: Command) => {
      const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
      // A flag that does not apply to the mode would be silently ignored: say so instead.
      const misplaced = opts.matrix
        ? ['account', 'action', 'region', 'permissionSet', 'principal', 'anonymous', 'resource', 'expect'].filter(given)
          .concat(opts.context.length ? ['context'] : [], opts.principalTag.length ? ['principalTag'] : [])
        : ['actions', 'format'].filter(given);
      if (misplaced.length) {
        const flags = misplaced.map((n) => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
        throw new CliError(opts.matrix
          ? `${flags} ${misplaced.length > 1 ? 'do' : 'does'} not apply with --matrix (it covers every account x action x region); drop ${misplaced.length > 1 ? 'them' : 'it'}, or drop --matrix to decide one request`
          : `${flags} ${misplaced.length > 1 ? 'apply' : 'applies'} only with --matrix; for one request use --json`, 2);
      }
      if (opts.matrix && opts.json) {
        if (given('format') && opts.format !== 'json') throw new CliError(`--json and --format ${opts.format} contradict each other; pass one`, 2);
        opts.format = 'json';
      }
      try {
        if (opts.matrix) runMatrix(opts);
        else runOne(opts);
      } catch (e) {
        if (e instanceof SimulationError) throw new CliError(`${e.code}: ${e.message}`, 2);
        throw e;
      }
    });
}

function runOne(opts: SimulateOptions): void {
  if (!opts.account) throw new CliError('--account is required (an account name or id from accounts/accounts.yaml), or use --matrix', 2);
  if (!opts.action) throw new CliError('--action is required, e.g. --action ec2:RunInstances', 2);
  const expect = opts.expect?.toLowerCase();
  if (expect !== undefined && expect !== 'allow' && expect !== 'deny') throw new CliError(`--expect takes allow or deny, got '${opts.expect}'`, 2);
  const context = parseContext(opts.context);
  const principalTags = parsePrincipalTags(opts.principalTag);
  if (opts.anonymous && (opts.principal !== undefined || opts.principalTag.length || opts.permissionSet)) {
    throw new CliError('--anonymous is a caller without credentials; it takes no --principal, --principal-tag or --permission-set', 2);
  }
  if (opts.permissionSet && opts.principalTag.length) throw new CliError('--principal-tag does not apply with --permission-set (the permission set names the principal); drop one', 2);
  const lz = loadDeclaration(opts.dir);
  if (opts.permissionSet) return runPermissionSetSimulation(lz, { ...opts, permissionSet: opts.permissionSet, account: opts.account, action: opts.action, expect }, context);
  const r = simulate(lz, {
    account: opts.account, action: opts.action, region: opts.region, principal: opts.principal, resource: opts.resource, context,
    principalTags: opts.principalTag.length ? principalTags : undefined, anonymous: opts.anonymous,
  });
  process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : describe(r));
  if (expect !== undefined) {
    const allowed = r.decision === 'Allowed';
    if (allowed !== (expect === 'allow')) {
      process.stderr.write(`lzkit: expected ${expect}, got ${r.decision}\n`);
      process.exitCode = 1;
    }
  }
}

/** `K=V` pairs; a key given twice becomes a multi-valued key. */
export function parseContext(pairs: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new CliError(`MALFORMED_CONTEXT: --context '${p}' is not KEY=VALUE (e.g. aws:SecureTransport=false)`, 2);
    const [k, v] = [p.slice(0, i).trim(), p.slice(i + 1)];
    const prior = out[k];
    out[k] = prior === undefined ? v : [...(Array.isArray(prior) ? prior : [prior]), v];
  }
  return out;
}

/** `KEY=VALUE` tags of the principal; a key given twice is a mistake (a principal has one value per tag). */
function parsePrincipalTags(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new CliError(`MALFORMED_CONTEXT: --principal-tag '${p}' is not KEY=VALUE (e.g. team=platform)`, 2);
    const key = p.slice(0, i).trim();
    if (key in out) throw new CliError(`MALFORMED_CONTEXT: --principal-tag ${key} is given twice; a principal has one value per tag`, 2);
    out[key] = p.slice(i + 1);
  }
  return out;
}

function describe(r: SimulationResult): string {
  const lines = [`${r.decision}: ${r.action} by ${r.principal} on ${r.resource} in ${r.account} (${r.accountId}), ${r.region}`];
  if (r.decision === 'ExplicitlyDenied') lines.push('denied by:');
  else if (r.decision === 'ImplicitlyDenied') lines.push('no statement allows it at:');
  else if (r.reasons.length) lines.push('allowed by:');
  for (const x of r.reasons) {
    lines.push(x.effect === 'ImplicitDeny' ? `  ${x.type.padEnd(4)} ${x.level}` : `  ${x.type.padEnd(4)} ${x.level.padEnd(28)} ${x.policy.padEnd(34)} ${x.statement}`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return `${lines.join('\n')}\n`;
}

function runMatrix(opts: SimulateOptions): void {
  const format = opts.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new CliError(`--format takes ${FORMATS.join(', ')}, got '${opts.format}'`, 2);
  const lz = loadDeclaration(opts.dir);
  const actions = opts.actions ? readActionList(path.resolve(opts.actions)) : undefined;
  if (actions?.length === 0) throw new CliError(`${opts.actions} lists no actions; add SERVICE:Action entries under actions:`, 2);
  const m = buildMatrix(lz, { actions });
  process.stdout.write(formatMatrix(m, format));
}

const cell = (decision: string, deniedBy: readonly string[]): string =>
  decision === 'Allowed' ? 'allow' : `${decision === 'ExplicitlyDenied' ? 'DENY' : 'deny (implicit)'}${deniedBy.length ? ` ${deniedBy.join(' ')}` : ''}`;

/** Rows: account x action; columns: regions. */
export function formatMatrix(m: Matrix, format: (typeof FORMATS)[number]): string {
  if (format === 'json') return `${JSON.stringify(m, null, 2)}\n`;
  if (format === 'csv') {
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const rows = m.cells.map((c) => [c.account, c.accountId, c.ou, c.action, c.region, c.decision, c.deniedBy.join(' ')].map(q).join(','));
    return `${['account,accountId,ou,action,region,decision,deniedBy', ...rows].join('\n')}\n`;
  }
  const header = ['account', 'action', ...m.regions];
  const rows: string[][] = [];
  const per = m.regions.length;
  for (let i = 0; i < m.cells.length; i += per) {
    const group = m.cells.slice(i, i + per);
    rows.push([group[0].account, group[0].action, ...group.map((c) => cell(c.decision, c.deniedBy))]);
  }
  if (format === 'markdown') {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return `${[`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n')}\n`;
  }
  const table = new Table({ head: header, style: { head: [], border: [] } });
  table.push(...rows);
  return `${table.toString()}\n${m.accounts.length} accounts x ${m.actions.length} actions x ${m.regions.length} regions; ${m.uniqueChains} distinct policy chains\n`;
}
