import type {
  FanFieldsFragment,
  FanSyncFieldsFragment,
  SegmentFieldsFragment,
  TagFieldsFragment,
  TagJobFieldsFragment,
  UploadFieldsFragment,
} from '../../gql/graphql';

/** Test data for the audiences pages (shapes of the GraphQL contract). */

export function aTag(overrides: Partial<TagFieldsFragment> = {}): TagFieldsFragment {
  return { __typename: 'Tag', id: 100, name: 'VIP', wechatCount: 12, fanCount: 10, reserved: false, ...overrides };
}

/** What the server answers for a fan without an open window. */
export const CLOSED_WINDOW: FanFieldsFragment['window'] = {
  __typename: 'FanWindow',
  open: false,
  kind: null,
  openedBy: null,
  openedAt: null,
  expiresAt: null,
  remaining: 0,
};

export function aFan(overrides: Partial<FanFieldsFragment> = {}): FanFieldsFragment {
  return {
    __typename: 'Fan',
    openid: 'oFan_0000000000000000000001',
    remark: 'Alice',
    subscribed: true,
    subscribedAt: '2026-11-01T08:00:00Z',
    unsubscribedAt: null,
    language: 'zh_CN',
    lastInteractionAt: '2026-11-05T08:00:00Z',
    detailsSyncedAt: '2026-11-02T08:00:00Z',
    tags: [{ __typename: 'FanTag', id: '100', name: 'VIP' }],
    window: CLOSED_WINDOW,
    ...overrides,
  };
}

export function aFanSync(overrides: Partial<FanSyncFieldsFragment> = {}): FanSyncFieldsFragment {
  return {
    __typename: 'FanSync',
    id: 'sync-1',
    kind: 'FOLLOWERS',
    status: 'RUNNING',
    phase: 'FOLLOWERS',
    done: 10,
    total: 100,
    startedAt: '2026-11-05T08:00:00Z',
    finishedAt: null,
    errorCode: null,
    errorMessage: null,
    ...overrides,
  };
}

export function aTagJob(overrides: Partial<TagJobFieldsFragment> = {}): TagJobFieldsFragment {
  return {
    __typename: 'TagJob',
    id: 'job-1',
    tagId: 100,
    tagName: 'VIP',
    action: 'TAG',
    status: 'RUNNING',
    total: 4,
    done: 0,
    succeeded: 0,
    failed: 0,
    startedAt: '2026-11-05T08:00:00Z',
    finishedAt: null,
    errorMessage: null,
    ...overrides,
  };
}

export function anUpload(overrides: Partial<UploadFieldsFragment> = {}): UploadFieldsFragment {
  return {
    __typename: 'Upload',
    id: 'up-1',
    name: 'fans.csv',
    status: 'READY',
    columns: ['openid', 'name'],
    totalLines: 5,
    valid: 2,
    invalid: 1,
    unknown: 1,
    duplicates: 1,
    createdAt: '2026-11-05T08:00:00Z',
    errorCode: null,
    errorMessage: null,
    ...overrides,
  };
}

export function aSegment(overrides: Partial<SegmentFieldsFragment> = {}): SegmentFieldsFragment {
  return {
    __typename: 'Segment',
    id: 'seg-1',
    name: 'Active VIPs',
    createdAt: '2026-11-05T08:00:00Z',
    updatedAt: '2026-11-05T09:00:00Z',
    filter: {
      __typename: 'FanFilter',
      search: null,
      tagIds: [100],
      tagMatch: 'ANY',
      subscribed: true,
      interactedAfter: null,
      interactedBefore: null,
      window: null,
    },
    ...overrides,
  };
}

/** A connection answer of `nodes`; cursors are `cur-<index>`. */
export function connectionOf<T>(typename: string, nodes: readonly T[], hasNextPage = false) {
  return {
    __typename: `${typename}Connection`,
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.length ? `cur-${nodes.length - 1}` : null },
    edges: nodes.map((node, index) => ({ __typename: `${typename}Edge`, cursor: `cur-${index}`, node })),
  };
}
