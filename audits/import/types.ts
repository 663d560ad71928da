export interface ImportOptions {
  /** @default snapshot.region */
  readonly homeRegion?: string;
  /** @default medium */
  readonly severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  /** Role the audit assumes in member accounts; written to organization.roles.audit when given. */
  readonly auditRoleName?: string;
}

export interface ImportNames {
  /** Live account id -> declared account name. */
  readonly accounts: ReadonlyMap<string, string>;
  /** Live root/OU id -> OU path (`Root`, `Workloads/Prod`). */
  readonly ous: ReadonlyMap<string, string>;
}

/** What an import decided: the data of each file (YAML/JSON written by the caller) and what it left out. */
export interface ImportedDeclaration {
  /** organization.yaml, accounts.yaml, guardrails.yaml and the areas' files, by file name. */
  readonly accountsFiles: Map<string, unknown>;
  /** The comment line each file of accounts/ starts with, by file name. */
  readonly headers: Map<string, string>;
  /** policies/<folder>/<id>.json data, by path under policies/. */
  readonly policyFiles: Map<string, unknown>;
  /** One line per thing the snapshot held that the declaration does not (and why). */
  readonly notes: string[];
  /** Live id -> declared name, for sections that target accounts and OUs. */
  readonly names: ImportNames;
}
