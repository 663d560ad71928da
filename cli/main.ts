import { Command, CommanderError } from 'commander';
import { DeclarationError, formatDiagnostic } from '../model';
import { LZKIT_VERSION } from '../model/paths';
import { CliError } from './errors';
import { COMMANDS } from './commands';

/** The `lzkit` command: thin; every command lives in cli/commands/<name>.ts. */
export function buildProgram(): Command {
  const program = new Command('lzkit')
    .description('AWS landing zone governance: declare, synthesize, prove the guardrails, audit drift')
    .version(LZKIT_VERSION, '-V, --version', 'print the lzkit version')
    .showHelpAfterError('(run lzkit --help for the commands)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  // One line per problem: a pointer to the help, not the whole help after every mistake.
  for (const cmd of program.commands) cmd.showHelpAfterError(`(run lzkit ${cmd.name()} --help for its options)`);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // The AWS SDK prints a multi-line notice on Node 20 that its releases after January 2027 need
  // Node 22: lzkit pins its SDK versions (package-lock.json) and says so in the README's
  // prerequisites, so the notice would only clutter every command that talks to AWS.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.exitCode = report(err);
  }
}

/** Turns any failure into lines on stderr and an exit code; a stack only with LZKIT_DEBUG=1. */
export function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander has printed its message already; --help and --version are not failures.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof CliError) {
    process.stderr.write(`${err.message.split('\n').map((l) => `lzkit: ${l}`).join('\n')}\n`);
    return err.exitCode;
  }
  if (err instanceof DeclarationError) {
    process.stderr.write(`${err.diagnostics.map(formatDiagnostic).join('\n')}\n`);
    return 2;
  }
  const e = err as Error;
  process.stderr.write(`lzkit: ${e?.message ?? String(err)}\n`);
  if (process.env.LZKIT_DEBUG === '1' && e?.stack) process.stderr.write(`${e.stack}\n`);
  return 2;
}
