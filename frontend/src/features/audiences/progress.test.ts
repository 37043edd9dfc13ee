import { describe, expect, it } from 'vitest';
import { laterState } from './progress';

describe('laterState', () => {
  type State = { status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'; done: number };
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
});
