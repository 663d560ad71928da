import { RamPrincipalAssociation, RamResourceAssociation, RamResourceShare } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import type { DesiredShare } from '../../desired';

export interface OrganizationShareProps {
  /** Provider of the account that owns the resources. */
  readonly provider: AwsProvider;
  /** The share as the desired state describes it, principals resolved. */
  readonly share: DesiredShare;
  /** ARNs of the resources shared. */
  readonly resourceArns: readonly string[];
}

/**
 * A RAM share that never leaves the organization (allow_external_principals false): resources
 * associated to OUs and accounts, one association per principal so that adding an OU adds one
 * resource to the plan. Sharing to OUs needs RAM's sharing with Organizations, which the
 * organization stack enables (it deploys first).
 */
export class OrganizationShare extends Construct {
  readonly resource: RamResourceShare;

  constructor(scope: Construct, id: string, props: OrganizationShareProps) {
    super(scope, id);
    const { provider, share } = props;
    this.resource = new RamResourceShare(this, 'Resource', { provider, name: share.name, allowExternalPrincipals: false, tags: { Name: share.name } });
    props.resourceArns.forEach((resourceArn, i) =>
      new RamResourceAssociation(this, `resource-${i}`, { provider, resourceArn, resourceShareArn: this.resource.arn }));
    share.principals.forEach((principal, i) =>
      new RamPrincipalAssociation(this, `principal-${i}`, { provider, principal, resourceShareArn: this.resource.arn }));
  }
}
