import { htmlReporter } from './html';
import { jsonReporter } from './json';
import { junitReporter } from './junit';
import { markdownReporter } from './markdown';
import type { Reporter } from './report';
import { sarifReporter } from './sarif';
import { tableReporter } from './table';

export type { AuditReport, Reporter } from './report';
export { summarize } from './report';
export { declarationCommit, provenanceOf, type Provenance } from './provenance';

/** Reporters by format; a new format registers here without touching the CLI. */
const REPORTERS = new Map<string, Reporter>([tableReporter, jsonReporter, sarifReporter, junitReporter, markdownReporter, htmlReporter].map((r) => [r.format, r]));

export function registerReporter(r: Reporter): void {
  REPORTERS.set(r.format, r);
}

export function reporterFor(format: string): Reporter | undefined {
  return REPORTERS.get(format);
}

export function reportFormats(): string[] {
  return [...REPORTERS.keys()];
}
