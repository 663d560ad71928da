import type { Section } from '../section';
import type { SourceLocation } from '../types';

/** The network declaration (accounts/network.yaml). Placeholder until the network section is built. */
export interface NetworkDeclaration {
  readonly source: SourceLocation;
}

export const networkSection: Section<NetworkDeclaration> = {
  file: 'network.yaml',
  schema: 'network.schema.json',
  build: ({ file }) => ({ source: file.locate([]) }),
};
