/** What the live views know of a long-running piece of work (a sync run or a bulk tagging job). */
interface Work {
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  readonly done: number;
}

/**
 * Of two states of the same run, the later one: an ended run never goes back to running, and a running one only
 * counts up. States arrive from a query, a mutation, the subscription and polling, in no reliable order.
 */
export function laterState<T extends Work>(a: T, b: T): T {
  const aEnded = a.status !== 'RUNNING';
  const bEnded = b.status !== 'RUNNING';
  if (aEnded !== bEnded) return aEnded ? a : b;
  return b.done >= a.done ? b : a;
}

/** How often a page asks again while work runs, in case a subscription message was missed. */
export const POLL_WHILE_RUNNING_MS = 3000;
