import type { Command } from 'commander';
import { FULL_AWS_ACCESS_POLICY_ID } from '../../desired';
import { CliError } from '../errors';

/**
 * `lzkit full-aws-access attach|detach --target-id ID`: what the guardrails stack runs to place
 * AWS's FullAWSAccess SCP where the declaration says (the AWS provider has no resource that
 * detaches a policy AWS attached). Idempotent: attaching where it is attached, or detaching where
 * it is not, succeeds. Runs with the caller's credentials (the management account, as Terraform).
 */
export function register(program: Command): void {
  program.command('full-aws-access')
    .description('attach or detach AWS\'s FullAWSAccess SCP on one root, OU or account (run by the guardrails stack)')
    .argument('<action>', 'attach | detach')
    .requiredOption('--target-id <id>', 'the root (r-...), OU (ou-...) or account (12 digits) id')
    .action(async (action: string, opts: { targetId: string }) => {
      if (action !== 'attach' && action !== 'detach') throw new CliError(`action must be attach or detach, got '${action}'`);
      if (!/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/.test(opts.targetId)) {
        throw new CliError(`--target-id must be a root, OU or account id (r-..., ou-...-..., 12 digits), got '${opts.targetId}'`);
      }
      // The AWS SDK loads only when this command runs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const sdk = require('@aws-sdk/client-organizations') as typeof import('@aws-sdk/client-organizations');
      const client = new sdk.OrganizationsClient({ region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' });
      const input = { PolicyId: FULL_AWS_ACCESS_POLICY_ID, TargetId: opts.targetId };
      try {
        await client.send(action === 'attach' ? new sdk.AttachPolicyCommand(input) : new sdk.DetachPolicyCommand(input));
        process.stdout.write(`${action === 'attach' ? 'attached' : 'detached'} FullAWSAccess ${action === 'attach' ? 'to' : 'from'} ${opts.targetId}\n`);
      } catch (e) {
        const name = (e as Error).name;
        if ((action === 'attach' && name === 'DuplicatePolicyAttachmentException') || (action === 'detach' && name === 'PolicyNotAttachedException')) {
          process.stdout.write(`FullAWSAccess was already ${action === 'attach' ? 'attached to' : 'detached from'} ${opts.targetId}\n`);
          return;
        }
        throw new CliError(`could not ${action} FullAWSAccess on ${opts.targetId}: ${name}: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        client.destroy();
      }
    });
}
