import type { PolicyStatement } from '../../model';

/** An IAM / KMS / bucket policy as the JSON string Terraform expects (tokens resolve inside it). */
export function policyJson(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The root principal of an account (delegates to that account's IAM policies). */
export function accountRoot(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}
