import { OrganizationsAccount } from '../aws';
import { Construct } from 'constructs';
import type { DesiredAccount } from '../../desired';
import { logicalId } from './logical-id';

export interface MemberAccountProps {
  /** The account to deploy (never the management account: it exists and cannot be created or moved by Terraform). */
  readonly account: DesiredAccount;
  /** Id of the OU (or root) the account lives in: a reference. */
  readonly parentId: string;
}

/**
 * A member account as aws_organizations_account. Accounts outlive any deployment: Terraform may
 * never close one (close_on_deletion false) nor plan to destroy one (prevent_destroy). AWS never
 * returns role_name and iam_user_access_to_billing, and both force replacement, so they are
 * ignored after creation; that is also what keeps an adopted (imported) account from planning a
 * replacement.
 */
export class MemberAccount extends Construct {
  readonly resource: OrganizationsAccount;

  constructor(scope: Construct, id: string, props: MemberAccountProps) {
    super(scope, id);
    const { account } = props;
    this.resource = new OrganizationsAccount(this, 'Resource', {
      name: account.name,
      email: account.email,
      parentId: props.parentId,
      closeOnDeletion: false,
      roleName: account.roleName,
      tags: Object.keys(account.tags).length ? { ...account.tags } : undefined,
      lifecycle: { preventDestroy: true, ignoreChanges: ['role_name', 'iam_user_access_to_billing'] },
    });
    this.resource.overrideLogicalId(logicalId('account', [account.name]));
    if (account.adoptedId) this.resource.importFrom(account.adoptedId);
    this.accountId = this.resource.id;
  }

  /** The account id: a reference within the stack (one token, reused: each token costs a stack capture). */
  readonly accountId: string;
}
