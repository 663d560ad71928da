import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface OrganizationShareProps {
  /** Provider of the account that owns the resources. */
  readonly provider: AwsProvider;
  /** Share name, shown in the RAM console of every receiving account. */
  readonly name: string;
  /** ARNs of the resources shared. */
  readonly resourceArns: readonly string[];
  /** OU ARNs and account ids, from the targeting shape. */
  readonly principals: readonly string[];
}

/**
 * A RAM share that never leaves the organization (allow_external_principals false): resources
 * associated to OUs and accounts, one association per principal so that adding an OU adds one
 * resource to the plan.
 */
export class OrganizationShare extends Construct {
  readonly resource: RamResourceShare;

  constructor(scope: Construct, id: string, props: OrganizationShareProps) {
    super(scope, id);
    const { provider } = props;
    this.resource = new RamResourceShare(this, 'Resource', { provider, name: props.name, allowExternalPrincipals: false, tags: { Name: props.name } });
    props.resourceArns.forEach((resourceArn, i) =>
      new RamResourceAssociation(this, `resource-${i}`, { provider, resourceArn, resourceShareArn: this.resource.arn }));
    props.principals.forEach((principal, i) =>
      new RamPrincipalAssociation(this, `principal-${i}`, { provider, principal, resourceShareArn: this.resource.arn }));
  }
}
