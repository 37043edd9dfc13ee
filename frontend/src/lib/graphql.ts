import { createClient as createWsClient } from 'graphql-ws';
import type { Client as WsClient } from 'graphql-ws';
import {
  Client,
  cacheExchange,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
} from 'urql';
import type { CombinedError, Exchange, Operation } from 'urql';
import { CSRF_HEADER, CSRF_HEADER_VALUE, sameOriginUrl, sameOriginWebSocketUrl } from './http';

/** The `extensions.code` of every top-level GraphQL error in the result. */
export function graphqlErrorCodes(error: CombinedError | undefined | null): string[] {
  if (!error) return [];
  return error.graphQLErrors
    .map((e) => e.extensions?.code)
    .filter((code): code is string => typeof code === 'string');
}

/** Signed out: HTTP 401 from /graphql or a top-level error with code UNAUTHENTICATED. */
export function isUnauthenticated(error: CombinedError | undefined | null): boolean {
  if (!error) return false;
  const status = (error.response as { status?: number } | undefined)?.status;
  return status === 401 || graphqlErrorCodes(error).includes('UNAUTHENTICATED');
}

/** No permission: HTTP 403 from /graphql or a top-level error with code FORBIDDEN. */
export function isForbidden(error: CombinedError | undefined | null): boolean {
  if (!error) return false;
  const status = (error.response as { status?: number } | undefined)?.status;
  const codes = graphqlErrorCodes(error);
  return codes.includes('FORBIDDEN') || (status === 403 && codes.length === 0);
}

export interface GraphqlClientOptions {
  /** HTTP endpoint; default `/graphql` on the page's origin. */
  url?: string;
  /** WebSocket endpoint; default ws(s)://host/graphql. `null` disables subscriptions. */
  webSocketUrl?: string | null;
  /** Called when the server says the session is gone. */
  onUnauthenticated?: (operation: Operation) => void;
  /** Called when the server refuses an operation for lack of permission. */
  onForbidden?: (operation: Operation) => void;
}

/**
 * State of the subscriptions WebSocket: `off` without one, `idle` while no subscription
 * needs it, `reconnecting` after it dropped while subscriptions were active.
 */
export type LiveStatus = 'off' | 'idle' | 'connecting' | 'connected' | 'reconnecting';

/** An observable LiveStatus (shape suits `useSyncExternalStore`). */
export interface LiveStatusSource {
  get(): LiveStatus;
  subscribe(listener: () => void): () => void;
}

export interface GraphqlClientHandle {
  client: Client;
  /** What the subscriptions WebSocket is doing right now. */
  live: LiveStatusSource;
  /** Closes the WebSocket (on sign-out or when the client is replaced). */
  dispose(): void;
}

/** graphql-transport-ws close codes meaning "not signed in" / "no permission". */
const WS_UNAUTHORIZED = 4401;
const WS_FORBIDDEN = 4403;

/**
 * urql client for the Fanmail API: same-origin POST /graphql with the CSRF header
 * and the session cookie, subscriptions over graphql-ws at /graphql.
 */
export function createGraphqlClient(options: GraphqlClientOptions = {}): GraphqlClientHandle {
  const url = options.url ?? sameOriginUrl('/graphql');
  const webSocketUrl =
    options.webSocketUrl === undefined ? sameOriginWebSocketUrl('/graphql') : options.webSocketUrl;

  let wsClient: WsClient | null = null;
  let liveStatus: LiveStatus = webSocketUrl ? 'idle' : 'off';
  const liveListeners = new Set<() => void>();
  const setLiveStatus = (next: LiveStatus) => {
    if (next === liveStatus) return;
    liveStatus = next;
    liveListeners.forEach((listener) => listener());
  };
  /** Subscriptions currently running over the WebSocket. */
  let activeSubscriptions = 0;
  const exchanges: Exchange[] = [
    mapExchange({
      onError(error, operation) {
        if (isUnauthenticated(error)) options.onUnauthenticated?.(operation);
        else if (isForbidden(error)) options.onForbidden?.(operation);
      },
    }),
    cacheExchange,
    fetchExchange,
  ];

  if (webSocketUrl) {
    const ws = createWsClient({
      url: webSocketUrl,
      lazy: true,
      retryAttempts: 30,
      shouldRetry: (event) => {
        const code = (event as { code?: number } | undefined)?.code;
        return code !== WS_UNAUTHORIZED && code !== WS_FORBIDDEN;
      },
      on: {
        connecting: (isRetry) => setLiveStatus(isRetry ? 'reconnecting' : 'connecting'),
        connected: () => setLiveStatus('connected'),
        closed: (event) => {
          // graphql-ws retries while subscriptions are active (a lazy close has none)
          setLiveStatus(activeSubscriptions > 0 ? 'reconnecting' : 'idle');
          const code = (event as { code?: number } | undefined)?.code;
          if (code === WS_UNAUTHORIZED) {
            options.onUnauthenticated?.({} as Operation);
          }
        },
      },
    });
    wsClient = ws;
    exchanges.push(
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              activeSubscriptions += 1;
              let ended = false;
              const end = () => {
                if (ended) return;
                ended = true;
                activeSubscriptions -= 1;
                if (activeSubscriptions === 0 && liveStatus !== 'connected') setLiveStatus('idle');
              };
              const unsubscribe = ws.subscribe(input, {
                next: (value) => sink.next(value as Parameters<typeof sink.next>[0]),
                error: (error) => {
                  end();
                  sink.error(error);
                },
                complete: () => {
                  end();
                  sink.complete();
                },
              });
              return {
                unsubscribe() {
                  end();
                  unsubscribe();
                },
              };
            },
          };
        },
      }),
    );
  }

  const client = new Client({
    url,
    exchanges,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({
      credentials: 'same-origin',
      headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
    }),
  });

  return {
    client,
    live: {
      get: () => liveStatus,
      subscribe(listener) {
        liveListeners.add(listener);
        return () => liveListeners.delete(listener);
      },
    },
    dispose() {
      void wsClient?.dispose();
    },
  };
}
