import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../model';
import { readSnapshot, SnapshotError } from '../../audits/snapshot';
import { scaffold, type Start } from '../init/scaffold';
import { CliError } from '../errors';
import { statOf } from '../output';

interface InitFlags {
  fromSnapshot?: string;
  minimal?: boolean;
  force?: boolean;
}

/**
 * `lzkit init [DIR]`: a landing-zone repository of your own that depends on lzkit: the
 * declaration (the example, a minimal start, or imported from a snapshot), guardrail tests that
 * pass, cdktf.json, the CI workflows. Never overwrites a file unless --force.
 */
export function register(program: Command): void {
  program.command('init [dir]')
    .description('write a landing-zone repository that uses lzkit: package.json, cdktf.json, accounts/, policies/, guardrail tests, CI workflows')
    .option('--from-snapshot <file>', 'declare the organization a snapshot records (lzkit audit --save-snapshot) instead of the example')
    .option('--minimal', 'start from a minimal organization (three accounts, two guardrails) instead of the example')
    .option('--force', 'overwrite files that already exist')
    .action((dirArg: string | undefined, opts: InitFlags) => {
      if (opts.fromSnapshot && opts.minimal) throw new CliError('use either --from-snapshot or --minimal, not both');
      const dir = path.resolve(dirArg ?? '.');
      const shown = dirArg ?? '.';
      const stat = statOf(dir);
      if (stat && !stat.isDirectory()) throw new CliError(`${shown} is a file, not a folder; pass the folder to create the repository in`);
      const start: Start = opts.fromSnapshot ? { kind: 'snapshot', snapshot: snapshotFile(opts.fromSnapshot) } : opts.minimal ? { kind: 'minimal' } : { kind: 'example' };
      const existingPackage = readPackageJson(path.join(dir, 'package.json'), shown);
      const s = scaffold(start, repositoryName(dir), existingPackage);

      // Every file that would be replaced, named, before anything is written.
      const replaced = [...s.files.keys()].filter((rel) => rel !== 'package.json' && fs.existsSync(path.join(dir, rel)));
      const conflicts = [...replaced, ...s.packageConflicts.map((k) => `package.json (${k})`)];
      if (conflicts.length && !opts.force) {
        const named = conflicts.length > 10 ? `${conflicts.slice(0, 10).join(', ')} and ${conflicts.length - 10} more` : conflicts.join(', ');
        throw new CliError(`${shown} already holds ${conflicts.length} file(s) init would overwrite: ${named}; pass --force to overwrite them, or init another folder`);
      }
      for (const [rel, text] of s.files) {
        const file = path.join(dir, rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }

      const out = (line: string) => process.stdout.write(`${line}\n`);
      const what = start.kind === 'snapshot' ? `organization ${start.snapshot.organization.id} from ${opts.fromSnapshot}` : `the ${start.kind} organization`;
      out(`wrote a landing-zone repository to ${shown} (${s.files.size} files, ${what})${conflicts.length ? `; overwrote ${conflicts.join(', ')}` : ''}`);
      for (const note of s.importNotes) out(`note: ${note}`);
      for (const w of s.importWarnings) process.stderr.write(`warning: ${formatDiagnostic(w)}\n`);
      if (s.importErrors.length) {
        process.stderr.write(`lzkit: the imported declaration does not validate yet (${s.importErrors.length} error(s)); fix these, then run lzkit validate:\n`);
        for (const e of s.importErrors) process.stderr.write(`${formatDiagnostic(e)}\n`);
      }
      out('next:');
      if (dirArg) out(`  cd ${shown}`);
      out('  npm install          # lzkit, and jest for the guardrail tests');
      out('  npx lzkit validate   # the declaration in accounts/ and policies/');
      out('  npm test             # the guardrail tests in test/');
      out('  npx lzkit synth      # the cdktf stacks, to cdktf.out/');
    });
}

function snapshotFile(file: string) {
  try {
    return readSnapshot(file);
  } catch (e) {
    if (e instanceof SnapshotError) throw new CliError(e.message);
    throw e;
  }
}

/** The folder's package.json, to merge into; a broken one stops init rather than being replaced. */
function readPackageJson(file: string, shown: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new CliError(`${path.join(shown, 'package.json')} is not a JSON object; fix or remove it, then run lzkit init again`);
}

/** An npm package name from the folder's name. */
function repositoryName(dir: string): string {
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return name || 'landing-zone';
}
