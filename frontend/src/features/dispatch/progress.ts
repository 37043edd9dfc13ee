import { RECIPIENT_STATE_FILLS } from '../../components/StateTag';
import type { DispatchCountsFieldsFragment, DispatchJobState, DispatchRecipientState } from '../../gql/graphql';

type Counts = DispatchCountsFieldsFragment;

/** Share of recipients in a final send state, 0–100 with one decimal; 100 only when every one is. */
export function percentDone(counts: Pick<Counts, 'done' | 'total'>): number {
  if (counts.total <= 0) return 0;
  if (counts.done >= counts.total) return 100;
  return Math.min(99.9, Math.floor((counts.done * 1000) / counts.total) / 10);
}

/** States a job is still moving in (live progress matters). */
export const ACTIVE_STATES: readonly DispatchJobState[] = ['QUEUED', 'SENDING', 'PAUSED'];
/** States a job has ended in. */
export const ENDED_STATES: readonly DispatchJobState[] = ['COMPLETED', 'CANCELLED', 'FAILED'];

export const isActive = (state: DispatchJobState) => ACTIVE_STATES.includes(state);
export const isEnded = (state: DispatchJobState) => ENDED_STATES.includes(state);

/** The operator's actions a job allows in its state (and with its counts). */
export function allowedActions(state: DispatchJobState, counts: Pick<Counts, 'failed' | 'systemFailed' | 'inDoubt'>) {
  return {
    start: state === 'PLANNED',
    pause: state === 'QUEUED' || state === 'SENDING',
    resume: state === 'PAUSED',
    cancel: state === 'PLANNED' || state === 'QUEUED' || state === 'SENDING' || state === 'PAUSED',
    // follow-up jobs of a paused or ended job (the server refuses them while it sends)
    retryFailed: (state === 'PAUSED' || isEnded(state)) && counts.failed + counts.systemFailed > 0,
    resendInDoubt: (state === 'PAUSED' || isEnded(state)) && counts.inDoubt > 0,
  };
}

/** Recipient states in display order (final good first, pending last), with their counts' names and (shared) fill colours. */
export const RECIPIENT_STATES: readonly { state: DispatchRecipientState; count: keyof Counts; color: string }[] = [
  { state: 'DELIVERED', count: 'delivered', color: RECIPIENT_STATE_FILLS.DELIVERED },
  { state: 'SENT', count: 'sent', color: RECIPIENT_STATE_FILLS.SENT },
  { state: 'USER_BLOCKED', count: 'userBlocked', color: RECIPIENT_STATE_FILLS.USER_BLOCKED },
  { state: 'SYSTEM_FAILED', count: 'systemFailed', color: RECIPIENT_STATE_FILLS.SYSTEM_FAILED },
  { state: 'FAILED', count: 'failed', color: RECIPIENT_STATE_FILLS.FAILED },
  { state: 'SKIPPED', count: 'skipped', color: RECIPIENT_STATE_FILLS.SKIPPED },
  { state: 'IN_DOUBT', count: 'inDoubt', color: RECIPIENT_STATE_FILLS.IN_DOUBT },
  { state: 'SENDING', count: 'sending', color: RECIPIENT_STATE_FILLS.SENDING },
  { state: 'QUEUED', count: 'queued', color: RECIPIENT_STATE_FILLS.QUEUED },
];

/** The non-empty parts of the counts, in display order: what the outcome bar draws. */
export function outcomeSegments(counts: Counts): { state: DispatchRecipientState; value: number; color: string }[] {
  return RECIPIENT_STATES.map(({ state, count, color }) => ({ state, value: counts[count] as number, color })).filter((s) => s.value > 0);
}

/** Seconds as the largest two units: `{ h: 1, min: 5 }`, `{ min: 2, s: 30 }`, `{ s: 45 }`. */
export function splitDuration(seconds: number): { h?: number; min?: number; s?: number } {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return { h, min };
  if (min > 0) return { min, s };
  return { s };
}


/** PLANNED, then running (QUEUED/SENDING/PAUSED, which may alternate), then an end: a job never goes back a stage. */
function stage(state: DispatchJobState): number {
  if (state === 'DRAFT' || state === 'PLANNED') return 0;
  return isEnded(state) ? 2 : 1;
}

/**
 * What to show of a job: its stored state and counts, or a live progress item when that is as new or newer
 * (a later stage, or the same stage with at least as many done). The query, mutations and the subscription
 * arrive in no reliable order.
 */
export function laterProgress<C extends Pick<Counts, 'done'>>(
  stored: { state: DispatchJobState; counts: C },
  live: { state: DispatchJobState; counts: C } | null | undefined,
): { state: DispatchJobState; counts: C } {
  if (!live) return { state: stored.state, counts: stored.counts };
  if (stage(live.state) !== stage(stored.state)) {
    return stage(live.state) > stage(stored.state) ? { state: live.state, counts: live.counts } : { state: stored.state, counts: stored.counts };
  }
  return live.counts.done >= stored.counts.done ? { state: live.state, counts: live.counts } : { state: stored.state, counts: stored.counts };
}
