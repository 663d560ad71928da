import { CfnManagedPolicy, CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { blocks, ownerByReferenceOrValue, type Mapper } from './types';

/** IAM roles with their attached managed policies; managed and inline policies as their own resources. */
export const iamMappers: Record<string, Mapper> = {
  aws_iam_role: {
    kind: 'primary',
    build: (scope, id, r, ctx) => {
      const attached = ctx.partsOf(r.address, 'aws_iam_role_policy_attachment').map((a) => ctx.cfn(a.body.policy_arn));
      const inline = blocks(r.body.inline_policy).filter((p) => p.policy !== undefined)
        .map((p) => ({ policyName: (p.name as string | undefined) ?? 'inline', policyDocument: ctx.policy(p.policy) }));
      return new CfnRole(scope, id, {
        roleName: ctx.cfn(r.body.name) as string,
        assumeRolePolicyDocument: ctx.policy(r.body.assume_role_policy),
        managedPolicyArns: [...((r.body.managed_policy_arns as string[] | undefined) ?? []).map((a) => ctx.cfn(a) as string), ...(attached as string[])],
        policies: inline.length ? inline : undefined,
        permissionsBoundary: r.body.permissions_boundary === undefined ? undefined : ctx.cfn(r.body.permissions_boundary) as string,
      });
    },
  },
  aws_iam_role_policy_attachment: {
    kind: 'merged',
    owner: (r, all) => ownerByReferenceOrValue(r.body.role, 'aws_iam_role', 'name', all),
  },
  aws_iam_policy: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnManagedPolicy(scope, id, {
      managedPolicyName: ctx.cfn(r.body.name) as string, description: r.body.description as string | undefined, policyDocument: ctx.policy(r.body.policy),
    }),
  },
  aws_iam_role_policy: {
    kind: 'primary',
    build: (scope, id, r, ctx) => new CfnPolicy(scope, id, {
      policyName: (r.body.name as string | undefined) ?? 'inline', policyDocument: ctx.policy(r.body.policy), roles: [ctx.cfn(r.body.role) as string],
    }),
  },
};
