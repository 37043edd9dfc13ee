import type { FanFilterFieldsFragment, FanFilterInput, FanTagMatch, FanWindowState } from '../../gql/graphql';

/** What the filter controls hold; empty parts mean "no condition". */
export interface FanFilterValues {
  search: string;
  tagIds: number[];
  tagMatch: FanTagMatch;
  /** 'yes' followers now, 'no' unfollowed, 'any' both. */
  subscribed: 'any' | 'yes' | 'no';
  /** ISO instants of the last interaction period (start inclusive, end exclusive). */
  interactedAfter: string | null;
  interactedBefore: string | null;
  window: FanWindowState | null;
}

export const EMPTY_FILTER: FanFilterValues = {
  search: '',
  tagIds: [],
  tagMatch: 'ANY',
  subscribed: 'any',
  interactedAfter: null,
  interactedBefore: null,
  window: null,
};

/** The GraphQL FanFilterInput for the controls' values: only the parts that are set. */
export function toFanFilterInput(values: FanFilterValues): FanFilterInput {
  const input: FanFilterInput = {};
  const search = values.search.trim();
  if (search) input.search = search;
  if (values.tagIds.length > 0) {
    input.tagIds = values.tagIds;
    input.tagMatch = values.tagMatch;
  }
  if (values.subscribed !== 'any') input.subscribed = values.subscribed === 'yes';
  if (values.interactedAfter) input.interactedAfter = values.interactedAfter;
  if (values.interactedBefore) input.interactedBefore = values.interactedBefore;
  if (values.window) input.window = values.window;
  return input;
}

/** The controls' values for a saved filter (a segment's). */
export function fromFanFilter(filter: FanFilterFieldsFragment | null | undefined): FanFilterValues {
  if (!filter) return EMPTY_FILTER;
  return {
    search: filter.search ?? '',
    tagIds: [...(filter.tagIds ?? [])],
    tagMatch: filter.tagMatch ?? 'ANY',
    subscribed: filter.subscribed === true ? 'yes' : filter.subscribed === false ? 'no' : 'any',
    interactedAfter: filter.interactedAfter ?? null,
    interactedBefore: filter.interactedBefore ?? null,
    window: filter.window ?? null,
  };
}

/** True when the filter sets no condition at all. */
export function isEmptyFilter(values: FanFilterValues): boolean {
  return Object.keys(toFanFilterInput(values)).length === 0;
}
