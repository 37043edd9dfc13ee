import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import { translateUserError } from '../../lib/userErrors';

/** Messages asked of WeChat per lookup (the query allows 1–100). */
export const BLOCKED_PAGE_SIZE = 50;

/** The larger of two record ids (decimal strings that may exceed 2^53). */
export function largerId(a: string, b: string): string {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length > y.length ? a : b;
  return x >= y ? a : b;
}

/** The largest of `ids` and `start`: the cursor for the next page. */
export function largestId(ids: readonly string[], start = '0'): string {
  return ids.reduce(largerId, start);
}

/**
 * A failed query in the user's language. A query has no payload for userErrors: the server
 * answers a top-level error whose message starts with the code, e.g. `WECHAT_REFUSED: WeChat answered …`.
 */
export function queryErrorText(t: TFunction, error: CombinedError, resource: string): string {
  if (error.networkError) return t('common.errors.network');
  const first = error.graphQLErrors[0];
  if (!first) return t('common.errors.loadFailed');
  const extensionCode = first.extensions?.code;
  if (extensionCode === 'FORBIDDEN' || extensionCode === 'UNAUTHENTICATED') {
    return translateUserError(t, { code: extensionCode, message: first.message }, resource);
  }
  const match = /^([A-Z][A-Z0-9_]*): ([\s\S]*)$/.exec(first.message);
  return match ? translateUserError(t, { code: match[1], message: match[2] }, resource) : first.message;
}
