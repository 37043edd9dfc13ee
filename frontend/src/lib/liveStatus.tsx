import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveStatus, LiveStatusSource } from './graphql';

const noWebSocket: LiveStatusSource = { get: () => 'off', subscribe: () => () => {} };

/** The GraphQL client's WebSocket state; supplied next to the urql Provider. */
export const LiveStatusContext = createContext<LiveStatusSource>(noWebSocket);

/** What the subscriptions WebSocket is doing right now (re-renders on every change). */
export function useLiveStatus(): LiveStatus {
  const source = useContext(LiveStatusContext);
  return useSyncExternalStore(source.subscribe, source.get, source.get);
}
