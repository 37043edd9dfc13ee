import { describe, expect, it } from 'vitest';
import { inProgress, laterState } from './progress';

describe('laterState', () => {
  type State = { status: 'PREPARING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'; done: number };
  const running = (done: number): State => ({ status: 'RUNNING', done });

  it('keeps the run that counted further while both run', () => {
    expect(laterState(running(10), running(55))).toEqual(running(55));
    expect(laterState(running(55), running(10))).toEqual(running(55));
  });

  it('never goes back from an ended run to a running one', () => {
    const ended: State = { status: 'SUCCEEDED', done: 100 };
    expect(laterState(ended, running(99))).toBe(ended);
    expect(laterState(running(99), ended)).toBe(ended);
  });

  it('never goes back from a running job to a preparing one', () => {
    const preparing: State = { status: 'PREPARING', done: 0 };
    expect(laterState(preparing, running(0))).toEqual(running(0));
    expect(laterState(running(0), preparing)).toEqual(running(0));
    expect(inProgress(preparing)).toBe(true);
    expect(inProgress({ status: 'CANCELLED' })).toBe(false);
  });
});
