import * as fs from 'fs';
import * as path from 'path';

/** The IAM actions the AWS provider calls for one Terraform type, per Terraform operation. */
export interface ResourceActions {
  readonly plan: readonly string[];
  readonly apply: readonly string[];
  readonly modify: readonly string[];
  readonly destroy: readonly string[];
  /** Extra actions when an argument is set (`tags` -> TagResource). */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

export interface ActionTable {
  readonly source: { readonly repository: string; readonly folder: string; readonly commit: string; readonly license: string };
  readonly resources: Readonly<Record<string, ResourceActions>>;
  readonly dataSources: Readonly<Record<string, ResourceActions>>;
}

/** Derived from the pike project (Apache-2.0); NOTICE beside it names the source and licence. */
export const ACTIONS_FILE = 'pike-aws.json';

let cached: ActionTable | undefined;

/** The vendored table (read once). */
export function actionTable(): ActionTable {
  cached ??= JSON.parse(fs.readFileSync(path.join(__dirname, ACTIONS_FILE), 'utf8')) as ActionTable;
  return cached;
}
