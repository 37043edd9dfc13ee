import { describe, expect, it } from 'vitest';
import { allowedActions, laterProgress, outcomeSegments, percentDone, splitDuration } from './progress';

const counts = (over: Partial<Record<string, number>> = {}) => ({
  queued: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  userBlocked: 0,
  systemFailed: 0,
  failed: 0,
  skipped: 0,
  inDoubt: 0,
  done: 0,
  total: 0,
  ...over,
});

describe('dispatch progress', () => {
  it('reaches 100 % only when every recipient is done', () => {
    expect(percentDone({ done: 0, total: 0 })).toBe(0);
    expect(percentDone({ done: 9999, total: 10000 })).toBe(99.9);
    expect(percentDone({ done: 1, total: 3 })).toBe(33.3);
    expect(percentDone({ done: 3, total: 3 })).toBe(100);
  });

  it('offers the actions the state allows', () => {
    const none = { failed: 0, systemFailed: 0, inDoubt: 0 };
    expect(allowedActions('PLANNED', none)).toMatchObject({ start: true, pause: false, cancel: true });
    expect(allowedActions('SENDING', none)).toMatchObject({ start: false, pause: true, resume: false, cancel: true });
    expect(allowedActions('PAUSED', none)).toMatchObject({ pause: false, resume: true, cancel: true });
    expect(allowedActions('COMPLETED', none)).toEqual({ start: false, pause: false, resume: false, cancel: false, retryFailed: false, resendInDoubt: false });
    expect(allowedActions('COMPLETED', { failed: 0, systemFailed: 2, inDoubt: 1 })).toMatchObject({ retryFailed: true, resendInDoubt: true });
    // not while the job sends (the server refuses): paused or ended only
    expect(allowedActions('SENDING', { failed: 3, systemFailed: 0, inDoubt: 1 })).toMatchObject({ retryFailed: false, resendInDoubt: false });
    expect(allowedActions('PAUSED', { failed: 3, systemFailed: 0, inDoubt: 0 })).toMatchObject({ retryFailed: true, resendInDoubt: false });
  });

  it('draws the non-empty states, final outcomes first', () => {
    expect(outcomeSegments(counts({ queued: 5, delivered: 3, userBlocked: 1, total: 9, done: 4 })).map((s) => [s.state, s.value])).toEqual([
      ['DELIVERED', 3],
      ['USER_BLOCKED', 1],
      ['QUEUED', 5],
    ]);
  });

  it('splits a duration into its two largest units', () => {
    expect(splitDuration(45)).toEqual({ s: 45 });
    expect(splitDuration(150)).toEqual({ min: 2, s: 30 });
    expect(splitDuration(3900.4)).toEqual({ h: 1, min: 5 });
  });

  it('keeps the later of the stored job and a live item: never back a stage, never fewer done', () => {
    const stored = { state: 'SENDING' as const, counts: counts({ done: 50, total: 100 }) };
    expect(laterProgress(stored, null)).toEqual(stored);
    expect(laterProgress(stored, { state: 'SENDING', counts: counts({ done: 40, total: 100 }) })).toEqual(stored);
    expect(laterProgress(stored, { state: 'PAUSED', counts: counts({ done: 60, total: 100 }) }).state).toBe('PAUSED');
    const ended = { state: 'COMPLETED' as const, counts: counts({ done: 100, total: 100 }) };
    expect(laterProgress(ended, { state: 'SENDING', counts: counts({ done: 100, total: 100 }) })).toEqual(ended);
    expect(laterProgress(stored, { state: 'COMPLETED', counts: counts({ done: 100, total: 100 }) }).state).toBe('COMPLETED');
  });
});
