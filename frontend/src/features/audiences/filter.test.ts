import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, fromFanFilter, isEmptyFilter, toFanFilterInput } from './filter';

describe('fans filter', () => {
  it('sends only the parts that are set; the tag match only with tags', () => {
    expect(toFanFilterInput(EMPTY_FILTER)).toEqual({});
    expect(isEmptyFilter({ ...EMPTY_FILTER, search: '   ', tagMatch: 'ALL' })).toBe(true);
    expect(
      toFanFilterInput({
        search: ' oFan ',
        tagIds: [2, 100],
        tagMatch: 'ALL',
        subscribed: 'no',
        interactedAfter: '2026-11-01T00:00:00.000Z',
        interactedBefore: null,
        window: 'CLOSED',
      }),
    ).toEqual({
      search: 'oFan',
      tagIds: [2, 100],
      tagMatch: 'ALL',
      subscribed: false,
      interactedAfter: '2026-11-01T00:00:00.000Z',
      window: 'CLOSED',
    });
  });

  it('reads a saved filter back into the controls', () => {
    const values = fromFanFilter({
      search: null,
      tagIds: [100],
      tagMatch: 'NONE',
      subscribed: true,
      interactedAfter: null,
      interactedBefore: '2026-11-02T00:00:00.000Z',
      window: 'OPEN',
    });
    expect(values).toEqual({
      search: '',
      tagIds: [100],
      tagMatch: 'NONE',
      subscribed: 'yes',
      interactedAfter: null,
      interactedBefore: '2026-11-02T00:00:00.000Z',
      window: 'OPEN',
    });
    expect(toFanFilterInput(values)).toEqual({ tagIds: [100], tagMatch: 'NONE', subscribed: true, interactedBefore: '2026-11-02T00:00:00.000Z', window: 'OPEN' });
  });
});
