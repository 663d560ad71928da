import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { CollectionError, LiveAccountState, LiveIam, LivePasswordPolicy } from '../snapshot';
import { errorOf } from './organization';

/** What a per-account collector gets: clients already bound to the account's credentials. */
export interface AccountContext {
  readonly accountId: string;
  readonly iam: () => IAMClient;
  readonly record: (e: CollectionError) => void;
}

/**
 * One reader of one member account; its result lands in `LiveAccountState[key]`. The logging,
 * network and identity collectors of part 2 are added to ACCOUNT_COLLECTORS the same way.
 */
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
        (r) => ({ accountMfaEnabled: r.SummaryMap?.AccountMFAEnabled === 1, accountAccessKeysPresent: (r.SummaryMap?.AccountAccessKeysPresent ?? 0) > 0 }),
        (e) => { record(errorOf('account', 'iam:GetAccountSummary', e, accountId)); return undefined; },
      ),
      client.send(new GetAccountPasswordPolicyCommand({})).then(
        (r): LivePasswordPolicy | null => {
          const p = r.PasswordPolicy ?? {};
          return {
            minimumPasswordLength: p.MinimumPasswordLength, requireSymbols: p.RequireSymbols, requireNumbers: p.RequireNumbers,
            requireUppercaseCharacters: p.RequireUppercaseCharacters, requireLowercaseCharacters: p.RequireLowercaseCharacters,
            maxPasswordAge: p.MaxPasswordAge, passwordReusePrevention: p.PasswordReusePrevention, hardExpiry: p.HardExpiry,
            allowUsersToChangePassword: p.AllowUsersToChangePassword,
          };
        },
        // NoSuchEntity is IAM's way of saying "this account has no password policy".
        (e): LivePasswordPolicy | null | undefined => {
          if ((e as Error).name === 'NoSuchEntityException' || (e as Error).name === 'NoSuchEntity') return null;
          record(errorOf('account', 'iam:GetAccountPasswordPolicy', e, accountId));
          return undefined;
        },
      ),
    ]);
    return {
      ...(summary ? { summary } : {}),
      ...(passwordPolicy !== undefined ? { passwordPolicy } : {}),
    };
  },
};

export const ACCOUNT_COLLECTORS: readonly AccountCollector[] = [iamCollector];
