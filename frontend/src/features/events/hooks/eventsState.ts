import type { CallbackEventFieldsFragment } from '../../../gql/graphql';
import { matchesFilter } from '../eventTypes';
import type { EventsFilter } from '../eventTypes';

/** At most this many pushes are kept in memory; the oldest go first. */
export const MAX_EVENTS = 500;
/** Page size of the first load and of each "Load older". */
export const PAGE_SIZE = 50;

/** A push in the console; `cursor` is known for listed pushes, not for live ones. */
export type EventRow = CallbackEventFieldsFragment & { cursor?: string };

export interface EventsPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: readonly { cursor: string; node: CallbackEventFieldsFragment }[];
}

export interface EventsState {
  /** Account, filter and attempt the rows belong to; a new key starts over. */
  key: string;
  /** The type filter the rows match. */
  filter: EventsFilter;
  /** Newest first. */
  rows: EventRow[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  /** The server has pushes older than the last row. */
  hasMore: boolean;
  loadingOlder: boolean;
  olderError: unknown;
  /** Pushes matching the filter on the server (listed total plus live ones since). */
  total: number | null;
  /** Live pushes to highlight for a moment. */
  fresh: readonly string[];
}

export type EventsAction =
  | { type: 'reset'; key: string; filter: EventsFilter }
  | { type: 'firstPage'; key: string; page: EventsPage }
  | { type: 'firstPageFailed'; key: string; error: unknown }
  | { type: 'olderRequested'; key: string }
  | { type: 'olderPage'; key: string; page: EventsPage }
  | { type: 'olderFailed'; key: string; error: unknown }
  | { type: 'live'; event: CallbackEventFieldsFragment }
  | { type: 'unhighlight'; id: string };

export function initialEventsState(key: string, filter: EventsFilter): EventsState {
  return {
    key,
    filter,
    rows: [],
    status: 'loading',
    error: null,
    hasMore: false,
    loadingOlder: false,
    olderError: null,
    total: null,
    fresh: [],
  };
}

/** Ids increase with arrival: numeric order when both are numbers, else text order. */
export function compareIdsNewestFirst(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return b.length - a.length || (a < b ? 1 : a > b ? -1 : 0);
  }
  return a < b ? 1 : a > b ? -1 : 0;
}

/** Merges a page into the rows (the page's copy wins), newest first, at most MAX_EVENTS. */
function mergePage(rows: readonly EventRow[], page: EventsPage): { rows: EventRow[]; trimmed: boolean } {
  const byId = new Map<string, EventRow>(rows.map((row) => [row.id, row]));
  for (const { cursor, node } of page.edges) byId.set(node.id, { ...node, cursor });
  let merged = [...byId.values()].sort((a, b) => compareIdsNewestFirst(a.id, b.id));
  const oldest = page.edges.at(-1)?.node.id;
  if (page.pageInfo.hasNextPage && oldest !== undefined) {
    // a live push older than the page's last one would hide a gap: "Load older" brings it
    merged = merged.filter((row) => row.cursor !== undefined || compareIdsNewestFirst(row.id, oldest) <= 0);
  }
  return { rows: merged.slice(0, MAX_EVENTS), trimmed: merged.length > MAX_EVENTS };
}

/** The cursor to continue with older pushes: the last row's (listed rows have one). */
export function olderCursor(state: EventsState): string | null {
  return state.rows.at(-1)?.cursor ?? null;
}

/** "Load older" is possible: the server has more, there is a cursor, and room in memory. */
export function canLoadOlder(state: EventsState): boolean {
  return state.status === 'ready' && state.hasMore && state.rows.length < MAX_EVENTS && olderCursor(state) !== null;
}

export function eventsReducer(state: EventsState, action: EventsAction): EventsState {
  switch (action.type) {
    case 'reset':
      return initialEventsState(action.key, action.filter);
    case 'firstPage': {
      if (action.key !== state.key) return state;
      const { rows, trimmed } = mergePage(state.rows, action.page);
      const live = state.rows.filter((row) => row.cursor === undefined && !action.page.edges.some((e) => e.node.id === row.id));
      return {
        ...state,
        rows,
        status: 'ready',
        error: null,
        hasMore: action.page.pageInfo.hasNextPage || trimmed,
        total: action.page.totalCount + live.length,
      };
    }
    case 'firstPageFailed':
      return action.key === state.key ? { ...state, status: 'error', error: action.error } : state;
    case 'olderRequested':
      return action.key === state.key ? { ...state, loadingOlder: true, olderError: null } : state;
    case 'olderPage': {
      if (action.key !== state.key) return state;
      const { rows, trimmed } = mergePage(state.rows, action.page);
      return { ...state, rows, loadingOlder: false, hasMore: action.page.pageInfo.hasNextPage || trimmed };
    }
    case 'olderFailed':
      return action.key === state.key ? { ...state, loadingOlder: false, olderError: action.error } : state;
    case 'live': {
      const { event } = action;
      if (!matchesFilter(state.filter, event)) return state;
      const index = state.rows.findIndex((row) => row.id === event.id);
      if (index >= 0) {
        // already listed (the page raced the push): refresh it in place
        const rows = [...state.rows];
        rows[index] = { ...event, cursor: rows[index].cursor };
        return { ...state, rows };
      }
      const rows = [event, ...state.rows].sort((a, b) => compareIdsNewestFirst(a.id, b.id));
      const trimmed = rows.length > MAX_EVENTS;
      return {
        ...state,
        rows: trimmed ? rows.slice(0, MAX_EVENTS) : rows,
        hasMore: state.hasMore || trimmed,
        total: state.total === null ? null : state.total + 1,
        fresh: [...state.fresh, event.id],
      };
    }
    case 'unhighlight':
      return state.fresh.includes(action.id) ? { ...state, fresh: state.fresh.filter((id) => id !== action.id) } : state;
    default:
      return state;
  }
}
