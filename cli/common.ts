import * as path from 'path';
import type { Command } from 'commander';
import { DeclarationError, loadLandingZone, formatDiagnostic, type LandingZone } from '../model';
import { CliError } from './errors';
import { statOf } from './output';

export interface DirOptions {
  dir: string;
}

/** Every command takes --dir (the folder holding accounts/ and policies/). */
export function withDir(cmd: Command): Command {
  return cmd.option('--dir <dir>', 'folder that holds accounts/ and policies/', existingFolder('--dir'), process.cwd());
}

/** A flag naming a folder that must already exist (checked before any work starts). */
export function existingFolder(flag: string): (v: string) => string {
  return (v: string) => {
    const stat = statOf(v);
    if (!stat) throw new CliError(`${flag} ${v} does not exist; pass the folder that holds accounts/ and policies/`);
    if (!stat.isDirectory()) throw new CliError(`${flag} ${v} is a file, not a folder; pass the folder that holds accounts/ and policies/`);
    return v;
  };
}

/**
 * Loads the declaration or stops with exit 2, one `FILE:LINE:COL CODE message` line per error
 * (the form editors and CI problem matchers read). Warnings go to stderr.
 */
export function loadDeclaration(dir: string): LandingZone {
  const r = loadLandingZone(path.resolve(dir));
  for (const w of r.warnings) process.stderr.write(`warning: ${formatDiagnostic(w)}\n`);
  if (!r.model) throw new DeclarationError(r.errors);
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
