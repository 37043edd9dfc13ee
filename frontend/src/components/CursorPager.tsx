import { Button, Flex } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A connection's `pageInfo` as the pager needs it. */
export interface PagerPageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor?: string | null;
}

/** Where a cursor-paged list is: the `after` of the page shown and the way back. */
export interface CursorStack {
  /** The `after` variable of the page shown; null on the first page. */
  readonly after: string | null;
  readonly canGoBack: boolean;
  next(endCursor: string): void;
  previous(): void;
  /** Back to the first page (e.g. after the filter changed). */
  reset(): void;
}

/** Remembers the cursors of the pages visited, so Previous goes back without a backward cursor. */
export function useCursorStack(): CursorStack {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string) => setCursors((stack) => [...stack, endCursor]), []);
  const previous = useCallback(() => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return useMemo(
    () => ({ after: cursors[cursors.length - 1], canGoBack: cursors.length > 1, next, previous, reset }),
    [cursors, next, previous, reset],
  );
}

/** Previous / Next under a cursor-paged list; hidden while everything fits on one page. */
export function CursorPager({ stack, pageInfo }: { stack: CursorStack; pageInfo: PagerPageInfo | null | undefined }) {
  const { t } = useTranslation();
  const endCursor = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  if (!stack.canGoBack && !pageInfo?.hasNextPage) return null;
  return (
    <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
      <Button disabled={!stack.canGoBack} onClick={stack.previous}>
        {t('common.pagination.previous')}
      </Button>
      <Button disabled={!endCursor} onClick={() => endCursor && stack.next(endCursor)}>
        {t('common.pagination.next')}
      </Button>
    </Flex>
  );
}
