import type { Section } from '../section';
import type { SourceLocation } from '../types';

/** The identity declaration (accounts/identity.yaml). Placeholder until the identity section is built. */
export interface IdentityDeclaration {
  readonly source: SourceLocation;
}

export const identitySection: Section<IdentityDeclaration> = {
  file: 'identity.yaml',
  schema: 'identity.schema.json',
  build: ({ file }) => ({ source: file.locate([]) }),
};
