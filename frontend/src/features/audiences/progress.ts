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

/**
 * The runs of `current` that ended since the page first listed them, each reported once: `known` holds the ids already
 * known to have ended (filled from the first listing, `baseline`, the first time). A run may be seen ended without ever
 * being seen running (its end pushed before the mutation that started it answered, or between two polls), so an end is
 * recognised by its id being new to `known`, not by a running state seen before. Returns an empty list until the
 * first listing is there.
 */
export function newlyEnded<T extends { readonly id: string; readonly status: Work['status'] }>(
  current: readonly T[],
  baseline: readonly T[] | undefined,
  known: { ids: Set<string> | null },
): T[] {
  if (baseline === undefined) return [];
  if (known.ids === null) known.ids = new Set(baseline.filter((run) => !inProgress(run)).map((run) => run.id));
  const ended: T[] = [];
  for (const run of current) {
    if (!inProgress(run) && !known.ids.has(run.id)) {
      known.ids.add(run.id);
      ended.push(run);
    }
  }
  return ended;
}
