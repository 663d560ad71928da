import type { Paginator } from '@smithy/types';

/**
 * Every page of one call chain. The SDK's paginators write NextToken (and the page size) into
 * the input object they are given (@smithy/core createPaginator), so two chains handed the same
 * object would start each other mid-way and skip items; each chain here gets its own copy.
 * Collectors never call a paginator directly (a test holds them to it).
 */
export function pages<C, I extends object, O>(paginate: (config: C, input: I) => Paginator<O>, config: C, input: I): Paginator<O> {
  return paginate(config, { ...input });
}
