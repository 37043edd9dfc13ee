import { describe, expect, it } from 'vitest';
import { inProgress, laterState, newlyEnded } from './progress';

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

describe('newlyEnded', () => {
  type Run = { id: string; status: 'PREPARING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' };
  const run = (id: string, status: Run['status']): Run => ({ id, status });

  it('reports nothing before the first listing, and not the runs that had ended before it', () => {
    const known = { ids: null as Set<string> | null };
    expect(newlyEnded([run('a', 'SUCCEEDED')], undefined, known)).toEqual([]);
    const listing = [run('old', 'SUCCEEDED'), run('b', 'RUNNING')];
    expect(newlyEnded(listing, listing, known)).toEqual([]);
  });

  it('reports a run ended after the listing once, even if it was never seen running', () => {
    const known = { ids: null as Set<string> | null };
    const listing = [run('old', 'SUCCEEDED')];
    newlyEnded(listing, listing, known);
    // a job started from the page whose end was pushed before the mutation answered
    expect(newlyEnded([run('new', 'SUCCEEDED'), ...listing], listing, known)).toEqual([run('new', 'SUCCEEDED')]);
    expect(newlyEnded([run('new', 'SUCCEEDED'), ...listing], listing, known)).toEqual([]);
  });

  it('reports a listed run when it ends', () => {
    const known = { ids: null as Set<string> | null };
    const listing = [run('b', 'RUNNING')];
    expect(newlyEnded(listing, listing, known)).toEqual([]);
    expect(newlyEnded([run('b', 'CANCELLED')], listing, known)).toEqual([run('b', 'CANCELLED')]);
  });
});
