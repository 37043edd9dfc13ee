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

  it('applies a live change to its row unless it is older', () => {
    const rows = [
      { id: '1', state: 'SENDING' as const, counts: { done: 10 } },
      { id: '2', state: 'COMPLETED' as const, counts: { done: 5 } },
    ];
    expect(applyJobChange(rows, { jobId: '1', state: 'SENDING', counts: { done: 20 } })[0]).toEqual({ id: '1', state: 'SENDING', counts: { done: 20 } });
    expect(applyJobChange(rows, { jobId: '1', state: 'SENDING', counts: { done: 5 } })).toBe(rows);
    expect(applyJobChange(rows, { jobId: '2', state: 'SENDING', counts: { done: 5 } })).toBe(rows);
    expect(applyJobChange(rows, { jobId: '3', state: 'SENDING', counts: { done: 1 } })).toBe(rows);
    expect(applyJobChange(rows, { jobId: '1', state: 'COMPLETED', counts: { done: 10 } })[0].state).toBe('COMPLETED');
  });

  it('shows 100 % only when every recipient is done', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(999, 1000)).toBe(99.9);
    expect(percent(1000, 1000)).toBe(100);
  });
});
