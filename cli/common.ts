import * as path from 'path';
import type { Command } from 'commander';
import { loadLandingZone, formatDiagnostic, type LandingZone } from '../model';
import { CliError } from './errors';

export interface DirOptions {
  dir: string;
}

/** Every command takes --dir (the folder holding accounts/ and policies/). */
export function withDir(cmd: Command): Command {
  return cmd.option('--dir <dir>', 'folder that holds accounts/ and policies/', process.cwd());
}

/** Loads the declaration or stops with exit 2, one line per error. Warnings go to stderr. */
export function loadDeclaration(dir: string): LandingZone {
  const r = loadLandingZone(path.resolve(dir));
  for (const w of r.warnings) process.stderr.write(`warning: ${formatDiagnostic(w)}\n`);
  if (!r.model) throw new CliError(r.errors.map(formatDiagnostic).join('\n'), 2);
  return r.model;
}

/** Parses a positive integer flag or stops with a clear line. */
export function positiveInt(name: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new CliError(`${name} must be a positive whole number, got '${v}'`);
    return n;
  };
}
