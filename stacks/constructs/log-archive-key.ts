import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../../model';
import { accountRoot, policyJson } from './policy-document';

export interface LogArchiveKeyProps {
  /** Provider of the account that owns the key. */
  readonly provider: AwsProvider;
  /** Id of the account that owns the key: its root keeps administering the key. */
  readonly ownerAccountId: string;
  /** Alias without the `alias/` prefix; also the stem of the Terraform addresses. */
  readonly name: string;
  /** Statements granting services and readers their use of the key. */
  readonly grants: readonly PolicyStatement[];
  /** @default 'KMS key of the lzkit log archive' */
  readonly description?: string;
}

/**
 * A customer managed KMS key with yearly rotation, an alias and a key policy made of the owner
 * account's administration plus the grants given. Never destroyed by Terraform: losing the key
 * loses every log it encrypted.
 */
export class LogArchiveKey extends Construct {
  readonly resource: KmsKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: LogArchiveKeyProps) {
    super(scope, id);
    const admin: PolicyStatement = {
      Sid: 'OwnerAccountAdministers', Effect: 'Allow', Principal: { AWS: accountRoot(props.ownerAccountId) }, Action: 'kms:*', Resource: '*',
    };
    this.resource = new KmsKey(this, 'Resource', {
      provider: props.provider,
      description: props.description ?? 'KMS key of the lzkit log archive',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson([admin, ...props.grants]),
      lifecycle: { preventDestroy: true },
    });
    this.resource.overrideLogicalId(props.name);
    const alias = new KmsAlias(this, 'Alias', { provider: props.provider, name: `alias/${props.name.replace(/_/g, '-')}`, targetKeyId: this.resource.keyId });
    alias.overrideLogicalId(props.name);
    this.arn = this.resource.arn;
  }
}
