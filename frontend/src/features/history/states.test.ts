import { describe, expect, it } from 'vitest';
import { applyJobChange, dateRangeToInstants, percent, recipientsCsvUrl } from './states';

describe('history', () => {
  it('links the CSV export with the state filter', () => {
    expect(recipientsCsvUrl('42', [])).toBe('/api/history/jobs/42/recipients.csv');
    expect(recipientsCsvUrl('42', ['FAILED', 'SKIPPED'])).toBe('/api/history/jobs/42/recipients.csv?states=FAILED,SKIPPED');
  });

  it('turns a day range into [start of the first day, start of the day after the last) in local time', () => {
    const { createdFrom, createdTo } = dateRangeToInstants(new Date(2026, 11, 1, 15, 30), new Date(2026, 11, 3, 9));
    expect(new Date(createdFrom!).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(createdTo!).getTime()).toBe(new Date(2026, 11, 4).getTime());
    expect(dateRangeToInstants(null, null)).toEqual({ createdFrom: null, createdTo: null });
  });

  it('replaces a row by its live change unless it is older', () => {
    const rows = [
      { id: '1', state: 'SENDING' as const, counts: { done: 10 }, finishedAt: null as string | null },
      { id: '2', state: 'COMPLETED' as const, counts: { done: 5 }, finishedAt: '2026-12-03T10:00:00Z' },
    ];
    const newer = { id: '1', state: 'SENDING' as const, counts: { done: 20 }, finishedAt: null };
    expect(applyJobChange(rows, newer)[0]).toBe(newer);
    expect(applyJobChange(rows, { ...newer, counts: { done: 5 } })).toBe(rows);
    expect(applyJobChange(rows, { id: '2', state: 'SENDING', counts: { done: 5 }, finishedAt: null })).toBe(rows);
    expect(applyJobChange(rows, { id: '3', state: 'SENDING', counts: { done: 1 }, finishedAt: null })).toBe(rows);
    const ended = applyJobChange(rows, { id: '1', state: 'COMPLETED', counts: { done: 10 }, finishedAt: '2026-12-03T11:00:00Z' })[0];
    expect(ended).toMatchObject({ state: 'COMPLETED', finishedAt: '2026-12-03T11:00:00Z' });
  });

  it('shows 100 % only when every recipient is done', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(999, 1000)).toBe(99.9);
    expect(percent(1000, 1000)).toBe(100);
  });
});
