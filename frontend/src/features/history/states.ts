import type { DispatchJobKind, DispatchJobState, DispatchRecipientState } from '../../gql/graphql';

export const JOB_KINDS: readonly DispatchJobKind[] = ['TEMPLATE', 'CUSTOMER_SERVICE', 'MASS'];
export const JOB_STATES: readonly DispatchJobState[] = ['PLANNED', 'QUEUED', 'SENDING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'];
export const RECIPIENT_STATES: readonly DispatchRecipientState[] = [
  'DELIVERED',
  'SENT',
  'USER_BLOCKED',
  'SYSTEM_FAILED',
  'FAILED',
  'SKIPPED',
  'IN_DOUBT',
  'SENDING',
  'QUEUED',
];

/** Jobs still moving: their row shows a progress bar and follows live changes. */
export const isRunning = (state: DispatchJobState) => state === 'QUEUED' || state === 'SENDING' || state === 'PAUSED';

/** Share done, 0–100 with one decimal; 100 only when every recipient is done. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  if (done >= total) return 100;
  return Math.min(99.9, Math.floor((done * 1000) / total) / 10);
}

/** The CSV export of a job's recipients, with the list's state filter. */
export function recipientsCsvUrl(jobId: string, states: readonly DispatchRecipientState[]): string {
  const base = `/api/history/jobs/${encodeURIComponent(jobId)}/recipients.csv`;
  return states.length > 0 ? `${base}?states=${states.join(',')}` : base;
}

/** The history filter's date range as the API's createdFrom (inclusive) / createdTo (exclusive) instants. */
export function dateRangeToInstants(from: Date | null, to: Date | null): { createdFrom: string | null; createdTo: string | null } {
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const nextDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
  return {
    createdFrom: from ? startOfDay(from).toISOString() : null,
    createdTo: to ? nextDay(to).toISOString() : null,
  };
}

/**
 * A live change (dispatchJobsChanged: the whole job) applied to the listed rows: the row of that job is replaced unless
 * the change is older (a job never goes back from ended to running, nor its done count down). Returns the same array
 * when nothing changed.
 */
export function applyJobChange<J extends { id: string; state: DispatchJobState; counts: { done: number } }>(rows: readonly J[], change: J): readonly J[] {
  const index = rows.findIndex((row) => row.id === change.id);
  if (index < 0) return rows;
  const current = rows[index];
  const ended = (s: DispatchJobState) => s === 'COMPLETED' || s === 'CANCELLED' || s === 'FAILED';
  if (ended(current.state) && !ended(change.state)) return rows;
  if (ended(current.state) === ended(change.state) && change.counts.done < current.counts.done) return rows;
  const next = [...rows];
  next[index] = change;
  return next;
}
