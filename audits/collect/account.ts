import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam';
import { notRead, type CollectionError, type LiveAccountState, type LiveAccountSummary, type LiveIam, type LivePasswordPolicy, type Readable } from '../snapshot';
import { errorOf } from './organization';

/** What a per-account collector gets: clients already bound to the account's credentials. */
export interface AccountContext {
  readonly accountId: string;
  readonly iam: () => IAMClient;
  readonly record: (e: CollectionError) => void;
}

/** One reader of one member account; its result lands in `LiveAccountState[key]`. */
export interface AccountCollector<K extends keyof LiveAccountState = keyof LiveAccountState> {
  readonly key: K;
  collect(ctx: AccountContext): Promise<LiveAccountState[K]>;
}

/** Root MFA and root access keys (GetAccountSummary) and the password policy. */
export const iamCollector: AccountCollector<'iam'> = {
  key: 'iam',
  async collect({ accountId, iam, record }): Promise<LiveIam> {
    const client = iam();
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

export const ACCOUNT_COLLECTORS: readonly AccountCollector[] = [iamCollector];
