import * as path from 'path';
import type { Command } from 'commander';
import { formatDiagnostic, loadLandingZone, type Diagnostic } from '../../model';
import { withDir, type DirOptions } from '../common';

const plain = ({ file, line, column, code, message }: Diagnostic) => ({ file, line, column, code, message });

export function register(program: Command): void {
  withDir(program.command('validate'))
    .description('check the declaration (structure, meaning, policy lint); exit 0 valid, 1 invalid')
    .option('--json', 'print { ok, errors, warnings } as JSON')
    .action((opts: DirOptions & { json?: boolean }) => {
      const r = loadLandingZone(path.resolve(opts.dir));
      const ok = r.errors.length === 0;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ok, errors: r.errors.map(plain), warnings: r.warnings.map(plain) }, null, 2)}\n`);
      } else {
        for (const e of r.errors) process.stdout.write(`${formatDiagnostic(e)}\n`);
        for (const w of r.warnings) process.stdout.write(`warning: ${formatDiagnostic(w)}\n`);
        const m = r.model;
        const sections = m ? (['logging', 'network', 'identity', 'audit', 'securityServices'] as const).filter((k) => m[k] !== undefined).map((k) => (k === 'securityServices' ? 'security services' : k)) : [];
        process.stdout.write(ok
          ? `valid: ${m?.ous.size ?? 0} OUs, ${m?.accounts.size ?? 0} accounts, ${m?.guardrails.policies.size ?? 0} guardrails, ${m?.guardrails.attachments.length ?? 0} attachments${sections.length ? `; ${sections.join(', ')} declared` : ''}${r.warnings.length ? `; ${r.warnings.length} warning(s)` : ''}\n`
          : `invalid: ${r.errors.length} error(s)\n`);
      }
      process.exitCode = ok ? 0 : 1;
    });
}
