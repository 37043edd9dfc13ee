import { describe, expect, it } from 'vitest';
import { aCallbackEvent, callbackEventConnection } from '../../../test/handlers';
import { MAX_EVENTS, canLoadOlder, compareIdsNewestFirst, eventsReducer, initialEventsState, olderCursor } from './eventsState';
import type { EventsState } from './eventsState';

const NO_FILTER = { types: [], excludeTypes: [] };

const ev = (id: number, type = 'text') => aCallbackEvent({ id: String(id), type, msgType: type === 'text' ? 'text' : 'event' });

function loaded(ids: number[], { hasNextPage = false, types = [] as string[] } = {}): EventsState {
  const start = initialEventsState('k', { types, excludeTypes: [] });
  return eventsReducer(start, {
    type: 'firstPage',
    key: 'k',
    page: callbackEventConnection(ids.map((id) => ev(id)), { hasNextPage }),
  });
}

describe('eventsReducer', () => {
  it('orders ids numerically, newest first', () => {
    expect(['9', '10', '100', '11'].sort(compareIdsNewestFirst)).toEqual(['100', '11', '10', '9']);
  });

  it('puts a live push on top, counts it and marks it fresh', () => {
    const state = eventsReducer(loaded([3, 2, 1]), { type: 'live', event: ev(4) });
    expect(state.rows.map((r) => r.id)).toEqual(['4', '3', '2', '1']);
    expect(state.total).toBe(4);
    expect(state.fresh).toEqual(['4']);
    expect(eventsReducer(state, { type: 'unhighlight', id: '4' }).fresh).toEqual([]);
  });

  it('ignores live pushes outside the filter', () => {
    const state = loaded([3], { types: ['text'] });
    expect(eventsReducer(state, { type: 'live', event: ev(4, 'click') })).toBe(state);
  });

  it('ignores live pushes of an excluded type, whatever its case', () => {
    const state = eventsReducer(initialEventsState('k', { types: [], excludeTypes: ['templatesendjobfinish'] }), {
      type: 'firstPage',
      key: 'k',
      page: callbackEventConnection([ev(3)]),
    });
    expect(eventsReducer(state, { type: 'live', event: ev(4, 'TEMPLATESENDJOBFINISH') })).toBe(state);
    expect(eventsReducer(state, { type: 'live', event: ev(5, 'some_future_event') }).rows.map((r) => r.id)).toEqual(['5', '3']);
  });

  it('does not duplicate a push that arrived live and is also on the first page', () => {
    let state = initialEventsState('k', NO_FILTER);
    state = eventsReducer(state, { type: 'live', event: ev(5) });
    state = eventsReducer(state, {
      type: 'firstPage',
      key: 'k',
      page: callbackEventConnection([ev(5), ev(4)]),
    });
    expect(state.rows.map((r) => r.id)).toEqual(['5', '4']);
    expect(state.total).toBe(2);
    expect(olderCursor(state)).toBe('cur-4');
  });

  it('ignores an answer for another filter', () => {
    const state = initialEventsState('new', NO_FILTER);
    expect(eventsReducer(state, { type: 'firstPage', key: 'old', page: callbackEventConnection([ev(1)]) })).toBe(state);
  });

  it(`keeps at most ${MAX_EVENTS} pushes, dropping the oldest, and then stops loading older ones`, () => {
    let state = loaded([2, 1], { hasNextPage: true });
    expect(canLoadOlder(state)).toBe(true);
    for (let id = 3; id < MAX_EVENTS + 10; id += 1) state = eventsReducer(state, { type: 'live', event: ev(id) });
    expect(state.rows).toHaveLength(MAX_EVENTS);
    expect(state.rows[0].id).toBe(String(MAX_EVENTS + 9));
    expect(state.rows.some((r) => r.id === '1')).toBe(false);
    expect(canLoadOlder(state)).toBe(false);
  });

  it('appends older pages and continues from their last cursor', () => {
    let state = loaded([5, 4], { hasNextPage: true });
    state = eventsReducer(state, { type: 'olderRequested', key: 'k' });
    expect(state.loadingOlder).toBe(true);
    state = eventsReducer(state, {
      type: 'olderPage',
      key: 'k',
      page: callbackEventConnection([ev(3), ev(2)], { hasNextPage: false }),
    });
    expect(state.rows.map((r) => r.id)).toEqual(['5', '4', '3', '2']);
    expect(state.loadingOlder).toBe(false);
    expect(canLoadOlder(state)).toBe(false);
  });
});
