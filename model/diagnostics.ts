import type { SourceLocation } from './types';

/** One problem with the declaration, located and coded so users can grep and fix it. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Stable, documented, SCREAMING_SNAKE code (e.g. UNKNOWN_KEY). */
  readonly code: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `file:line:column CODE message`, the one text form every command prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;
}

/** Collects every problem of a load, so users see all of them at once. */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  error(at: SourceLocation, code: string, message: string): void {
    this.items.push({ ...at, code, message, severity: 'error' });
  }

  warning(at: SourceLocation, code: string, message: string): void {
    this.items.push({ ...at, code, message, severity: 'warning' });
  }

  get errors(): Diagnostic[] {
    return sortDiagnostics(this.items.filter((d) => d.severity === 'error'));
  }

  get warnings(): Diagnostic[] {
    return sortDiagnostics(this.items.filter((d) => d.severity === 'warning'));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** Thrown when a declaration has errors: carries every one of them, never a stack trace for users. */
export class DeclarationError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`the declaration has ${diagnostics.length} error(s):\n${diagnostics.map(formatDiagnostic).join('\n')}`);
    this.name = 'DeclarationError';
  }
}
