import { spawnSync } from 'child_process';
import * as path from 'path';
import { LZKIT_VERSION } from '../../model/paths';
import type { AuditReport } from './report';

/** What produced a report: every format carries it, so a report found later can be traced. */
export interface Provenance {
  readonly lzkitVersion: string;
  /** `git rev-parse HEAD` of the declaration, `-dirty` when accounts/ or policies/ differ from it; undefined outside git. */
  readonly declarationCommit?: string;
  /** Unauditable findings: parts of the organization that could not be read (0: the audit is complete). */
  readonly unauditable: number;
}

export function provenanceOf(report: AuditReport): Provenance {
  return {
    lzkitVersion: LZKIT_VERSION,
    declarationCommit: report.declarationCommit,
    unauditable: report.findings.filter((f) => f.category === 'unauditable').length,
  };
}

/**
 * The commit of the git repository holding the declaration in `dir`, with `-dirty` when the
 * declaration files (accounts/, policies/) have changes not committed; undefined when `dir` is not
 * in a git repository or git is not installed.
 */
export function declarationCommit(dir: string): string | undefined {
  const git = (...args: string[]) => spawnSync('git', ['-C', path.resolve(dir), ...args], { encoding: 'utf8', timeout: 10_000 });
  const head = git('rev-parse', '--verify', '--quiet', 'HEAD');
  if (head.error || head.status !== 0) return undefined;
  const status = git('status', '--porcelain', '--', 'accounts', 'policies');
  const dirty = status.status !== 0 || status.stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? '-dirty' : ''}`;
}

/** One line for the text formats: `lzkit 0.1.0, declaration 1a2b3c4…` */
export function provenanceLine(p: Provenance): string {
  return `lzkit ${p.lzkitVersion}, declaration ${p.declarationCommit ? `commit ${p.declarationCommit}` : 'not in a git repository'}`;
}

/** The banner of a partial audit: the findings are not the whole picture. */
export function incompleteBanner(p: Provenance): string | undefined {
  if (!p.unauditable) return undefined;
  return `INCOMPLETE: ${p.unauditable} part(s) of the organization could not be read (the unauditable findings); drift there is unknown, not absent.`;
}
