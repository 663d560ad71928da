import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { errorOf, type AccountCollector } from '../../../collect/context';
import { notRead, type Readable } from '../../../readable';
import type { LiveAccountSummary, LiveIam, LivePasswordPolicy } from '../../../snapshot-core';

/** Root MFA and root access keys (GetAccountSummary) and the password policy. */
export const iamCollector: AccountCollector<LiveIam> = {
  key: 'iam',
  async collect({ accountId, client: clientOf, record }): Promise<LiveIam> {
    const client = clientOf(IAMClient);
    const [summary, passwordPolicy] = await Promise.all([
      client.send(new GetAccountSummaryCommand({})).then(
        (r): Readable<LiveAccountSummary> => ({
          accountMfaEnabled: r.SummaryMap?.AccountMFAEnabled === 1, accountAccessKeysPresent: (r.SummaryMap?.AccountAccessKeysPresent ?? 0) > 0,
          accountPasswordPresent: (r.SummaryMap?.AccountPasswordPresent ?? 0) > 0,
        }),
        (e) => { record(errorOf('account', 'iam:GetAccountSummary', e, accountId)); return notRead(['iam:GetAccountSummary']); },
      ),
      client.send(new GetAccountPasswordPolicyCommand({})).then(
        (r): Readable<LivePasswordPolicy | null> => {
          const p = r.PasswordPolicy ?? {};
          return {
            minimumPasswordLength: p.MinimumPasswordLength, requireSymbols: p.RequireSymbols, requireNumbers: p.RequireNumbers,
            requireUppercaseCharacters: p.RequireUppercaseCharacters, requireLowercaseCharacters: p.RequireLowercaseCharacters,
            maxPasswordAge: p.MaxPasswordAge, passwordReusePrevention: p.PasswordReusePrevention, hardExpiry: p.HardExpiry,
            allowUsersToChangePassword: p.AllowUsersToChangePassword,
          };
        },
        // NoSuchEntity is IAM's way of saying "this account has no password policy".
        (e): Readable<LivePasswordPolicy | null> => {
          if ((e as Error).name === 'NoSuchEntityException' || (e as Error).name === 'NoSuchEntity') return null;
          record(errorOf('account', 'iam:GetAccountPasswordPolicy', e, accountId));
          return notRead(['iam:GetAccountPasswordPolicy']);
        },
      ),
    ]);
    return { summary, passwordPolicy };
  },
};

