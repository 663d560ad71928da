import { errorOf, type CollectContext } from '../../collect/context';
import { notRead, type NotRead, type Readable } from '../../readable';

/** GuardDuty and Security Hub serve at most 50 members a page; the other lists 100. */
export const MEMBERS_PAGE = 50;
export const PAGE = 100;

/** One read of the administrator account: its value, or NotRead with the error recorded. */
export function reader(ctx: CollectContext, accountId: string) {
  return <T>(api: string, run: () => Promise<T>): Promise<Readable<T>> => ctx.limit(run).catch((e): NotRead => {
    ctx.record(errorOf('organization', api, e, accountId));
    return notRead([api]);
  });
}

