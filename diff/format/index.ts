import type { DiffReport, DiffSide } from '../types';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderTable } from './table';

export { MARKDOWN_MARKER } from './markdown';
export { groupDecisions, type DecisionGroup } from './groups';

export const DIFF_FORMATS = ['table', 'markdown', 'json', 'sarif'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Renders a report; markdown also draws the changed part of the OU tree from the two sides. */
export function renderDiff(format: DiffFormat, report: DiffReport, base: DiffSide, head: DiffSide): string {
  switch (format) {
    case 'json': return renderJson(report);
    case 'sarif': return renderSarif(report);
    case 'markdown': return renderMarkdown(report, base, head);
    default: return renderTable(report);
  }
}
