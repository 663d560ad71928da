import type { Diagnostics } from './diagnostics';
import type { SourceFile } from './source';
import type { OrganizationView } from './targets';
import type { GuardrailSet, OrganizationSettings } from './types';

/** What every declaration section is built on: the organization and its guardrails. */
export interface CoreModel extends OrganizationView {
  readonly dir: string;
  readonly organization: OrganizationSettings;
  readonly guardrails: GuardrailSet;
}

export interface SectionContext {
  /** The section's YAML file, already through the structural pass. */
  readonly file: SourceFile;
  readonly core: CoreModel;
  readonly diagnostics: Diagnostics;
}

/**
 * One optional file of accounts/ (logging.yaml, network.yaml, identity.yaml, ...): its schema and
 * its meaning pass. A section reads only its own file and the core model.
 */
export interface Section<T> {
  /** File name in accounts/. */
  readonly file: string;
  /** Schema file name in schema/. */
  readonly schema: string;
  build(ctx: SectionContext): T;
}
