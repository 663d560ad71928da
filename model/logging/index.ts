import type { Section } from '../section';
import type { SourceLocation } from '../types';

/** The logging declaration (accounts/logging.yaml). Placeholder until the logging section is built. */
export interface LoggingDeclaration {
  readonly source: SourceLocation;
}

export const loggingSection: Section<LoggingDeclaration> = {
  file: 'logging.yaml',
  schema: 'logging.schema.json',
  build: ({ file }) => ({ source: file.locate([]) }),
};
