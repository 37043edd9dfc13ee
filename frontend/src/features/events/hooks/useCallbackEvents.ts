import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { useClient } from 'urql';
import { CallbackEventReceivedSubscription, CallbackEventsQuery } from '../api/operations';
import { PAGE_SIZE, canLoadOlder, eventsReducer, initialEventsState, olderCursor } from './eventsState';
import type { EventsState } from './eventsState';
import type { EventsFilter } from '../eventTypes';

/** How long a live push stays highlighted. */
export const HIGHLIGHT_MS = 3000;

export interface CallbackEventsResult {
  state: EventsState;
  /** The live subscription failed (it is not retried by itself). */
  liveError: CombinedError | null;
  canLoadOlder: boolean;
  loadOlder(): void;
  /** Loads the first page again (after an error). */
  reload(): void;
  /** Subscribes again after `liveError`. */
  resubscribe(): void;
}

/**
 * The console's list: the first page for the filter, older pages on demand, and every
 * live push put on top when it passes the filter (no refetch per push), at most
 * MAX_EVENTS kept.
 */
export function useCallbackEvents(accountId: string, filter: EventsFilter): CallbackEventsResult {
  const client = useClient();
  const typesKey = filter.types.join(',');
  const excludeKey = filter.excludeTypes.join(',');
  const filterKey = `${typesKey}|${excludeKey}`;
  const [attempt, setAttempt] = useState(0);
  const key = `${accountId}|${filterKey}|${attempt}`;
  const [state, dispatch] = useReducer(eventsReducer, undefined, () => initialEventsState(key, filter));
  // a new account, filter or attempt starts over (adjusting state while rendering)
  if (state.key !== key) dispatch({ type: 'reset', key, filter });

  useEffect(() => {
    let cancelled = false;
    void client
      .query(
        CallbackEventsQuery,
        { accountId, first: PAGE_SIZE, after: null, ...variables(typesKey, excludeKey) },
        { requestPolicy: 'network-only' },
      )
      .toPromise()
      .then((result) => {
        if (cancelled) return;
        const page = result.data?.callbackEvents;
        const requestKey = `${accountId}|${typesKey}|${excludeKey}|${attempt}`;
        if (page) dispatch({ type: 'firstPage', key: requestKey, page });
        else dispatch({ type: 'firstPageFailed', key: requestKey, error: result.error ?? null });
      });
    return () => {
      cancelled = true;
    };
  }, [client, accountId, typesKey, excludeKey, attempt]);

  const [liveAttempt, setLiveAttempt] = useState(0);
  const [liveFailure, setLiveFailure] = useState<{ attempt: number; error: CombinedError } | null>(null);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    const subscription = client
      .subscription(CallbackEventReceivedSubscription, { accountId })
      .subscribe((result) => {
        const event = result.data?.callbackEventReceived;
        if (!event) {
          if (result.error) setLiveFailure({ attempt: liveAttempt, error: result.error });
          return;
        }
        if (event.accountId !== accountId) return;
        dispatch({ type: 'live', event });
        const timer = setTimeout(() => {
          pending.delete(timer);
          dispatch({ type: 'unhighlight', id: event.id });
        }, HIGHLIGHT_MS);
        pending.add(timer);
      });
    return () => {
      subscription.unsubscribe();
      pending.forEach(clearTimeout);
      pending.clear();
    };
  }, [client, accountId, liveAttempt]);

  const loadOlder = useCallback(() => {
    if (!canLoadOlder(state) || state.loadingOlder) return;
    const after = olderCursor(state);
    const requestKey = state.key;
    dispatch({ type: 'olderRequested', key: requestKey });
    void client
      .query(
        CallbackEventsQuery,
        { accountId, first: PAGE_SIZE, after, ...variables(state.filter.types.join(','), state.filter.excludeTypes.join(',')) },
        { requestPolicy: 'network-only' },
      )
      .toPromise()
      .then((result) => {
        const page = result.data?.callbackEvents;
        if (page) dispatch({ type: 'olderPage', key: requestKey, page });
        else dispatch({ type: 'olderFailed', key: requestKey, error: result.error ?? null });
      });
  }, [client, accountId, state]);

  return {
    state,
    liveError: liveFailure && liveFailure.attempt === liveAttempt ? liveFailure.error : null,
    canLoadOlder: canLoadOlder(state),
    loadOlder,
    reload: useCallback(() => setAttempt((n) => n + 1), []),
    resubscribe: useCallback(() => setLiveAttempt((n) => n + 1), []),
  };
}

/** The query's filter variables from the filter's keys (comma-joined): null when empty. */
function variables(typesKey: string, excludeKey: string): { types: string[] | null; excludeTypes: string[] | null } {
  return { types: typesKey ? typesKey.split(',') : null, excludeTypes: excludeKey ? excludeKey.split(',') : null };
}
