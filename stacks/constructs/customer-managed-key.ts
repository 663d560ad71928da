import { KmsAlias, KmsKey } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredKey } from '../../desired';
import { policyJson } from './policy-document';

export interface CustomerManagedKeyProps {
  /** Provider of the account that owns the key. */
  readonly provider?: AwsProvider;
  /** The key as the desired state describes it, late-bound values resolved. */
  readonly key: DesiredKey;
}

/**
 * A customer managed KMS key with yearly rotation, its alias and its key policy. Never destroyed
 * by Terraform: losing the key loses everything it encrypted.
 */
export class CustomerManagedKey extends Construct {
  readonly resource: KmsKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const { key, provider } = props;
    this.resource = new KmsKey(this, 'Resource', {
      provider,
      description: key.description,
      enableKeyRotation: key.rotation,
      deletionWindowInDays: key.deletionWindowDays,
      policy: policyJson(key.policy.Statement),
      lifecycle: { preventDestroy: true },
    });
    this.resource.overrideLogicalId(key.name);
    new KmsAlias(this, 'Alias', { provider, name: key.alias, targetKeyId: this.resource.keyId }).overrideLogicalId(key.name);
    this.arn = this.resource.arn;
  }
}
