/** What the live views know of a long-running piece of work (a sync run or a bulk tagging job). */
interface Work {
  readonly status: 'PREPARING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  readonly done: number;
}

/** Whether the work has not ended yet: a tagging job listing its fans (PREPARING) or running. */
export function inProgress(work: Pick<Work, 'status'>): boolean {
  return work.status === 'PREPARING' || work.status === 'RUNNING';
}

/** PREPARING, then RUNNING, then an end: a state never goes back. */
function stage(work: Work): number {
  return work.status === 'PREPARING' ? 0 : work.status === 'RUNNING' ? 1 : 2;
}

/**
 * Of two states of the same run, the later one: an ended run never goes back to running, a running job never back to
 * preparing, and a running one only counts up. States arrive from a query, a mutation, the subscription and polling,
 * in no reliable order.
 */
export function laterState<T extends Work>(a: T, b: T): T {
  if (stage(a) !== stage(b)) return stage(a) > stage(b) ? a : b;
  return b.done >= a.done ? b : a;
}

/** How often a page asks again while work runs, in case a subscription message was missed. */
export const POLL_WHILE_RUNNING_MS = 3000;
