import type { Command } from 'commander';
import { effectivePolicy, EffectivePolicyError, type EffectivePolicy } from '../../model/effective';
import { MANAGEMENT_POLICY_TYPES, POLICY_TYPE_NAMES, POLICY_TYPES, isPolicyType, policyTypeOf } from '../../model/policy-types';
import type { PolicyType } from '../../model/types';
import { loadDeclaration, withDir, type DirOptions } from '../common';
import { CliError } from '../errors';

interface EffectiveOptions extends DirOptions {
  account: string;
  type: string;
  json?: boolean;
}

/**
 * `lzkit effective`: an account's effective management policy of one type, computed offline from
 * the declaration as Organizations merges it (what DescribeEffectivePolicy will return).
 */
export function register(program: Command): void {
  withDir(program.command('effective'))
    .description('the effective management policy (tag, backup, AI opt-out, declarative, ...) of one account, merged as Organizations merges it')
    .requiredOption('--account <name>', 'account name from accounts/accounts.yaml')
    .requiredOption('--type <type>', `policy type: ${MANAGEMENT_POLICY_TYPES.join(', ')} (or the Organizations name, e.g. BACKUP_POLICY)`)
    .option('--json', 'print { account, type, organizationsType, policies, content, settings, ignored } as JSON')
    .action((opts: EffectiveOptions) => {
      const type = typeOf(opts.type);
      const lz = loadDeclaration(opts.dir);
      let e: EffectivePolicy;
      try {
        e = effectivePolicy(lz, opts.account, type);
      } catch (err) {
        if (err instanceof EffectivePolicyError) throw new CliError(`${err.code}: ${err.message}`, 2);
        throw err;
      }
      process.stdout.write(opts.json ? `${JSON.stringify(e, null, 2)}\n` : describe(e));
    });
}

/** `BACKUP`, `backup` or `BACKUP_POLICY`. */
function typeOf(given: string): PolicyType {
  const upper = given.trim().toUpperCase().replace(/-/g, '_');
  const t = isPolicyType(upper) ? upper : policyTypeOf(upper);
  if (!t) throw new CliError(`--type '${given}' is not a policy type; use one of ${POLICY_TYPE_NAMES.filter((x) => POLICY_TYPES[x].kind === 'management').join(', ')}`, 2);
  return t;
}

function describe(e: EffectivePolicy): string {
  const label = POLICY_TYPES[e.type].label;
  if (!e.content) return `no ${label} reaches ${e.account}: its effective ${e.organizationsType} is empty\n`;
  const lines = [
    `effective ${label} of ${e.account} (${e.organizationsType}), from ${e.policies.map((p) => `${p.policy} at ${p.level}`).join(', ')}:`,
    JSON.stringify(e.content, null, 2),
    'set by:',
    ...e.settings.map((s) => `  ${s.path.join('.').padEnd(48)} ${s.operator.padEnd(9)} ${s.policy} (${s.level})`),
    ...e.ignored.map((i) => `ignored: ${i.path.join('.')} ${i.operator} of ${i.policy} (${i.level}): ${i.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}
