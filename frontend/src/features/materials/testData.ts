import type { DraftFieldsFragment, MaterialFieldsFragment, MaterialKind, MaterialSyncFieldsFragment } from '../../gql/graphql';

/** Test data for the materials and news pages (shapes of the GraphQL contract). */

export function aMaterial(overrides: Partial<MaterialFieldsFragment> = {}): MaterialFieldsFragment {
  const id = overrides.id ?? 'm-1';
  return {
    __typename: 'Material',
    id,
    accountId: 'acc-1',
    kind: 'IMAGE',
    name: 'banner.png',
    mediaId: `media-${id}`,
    origin: 'UPLOADED',
    previewState: 'READY',
    previewError: null,
    previewUrl: `/api/materials/${id}/preview`,
    fileUrl: `/api/materials/${id}/file`,
    videoLink: null,
    videoTitle: null,
    videoDescription: null,
    wechatUrl: 'http://mmbiz.qpic.cn/banner.png',
    durationMillis: null,
    width: 900,
    height: 383,
    byteSize: '48213',
    contentType: 'image/png',
    createdAt: '2026-11-05T08:00:00Z',
    createdBy: 'olivia',
    temporary: null,
    ...overrides,
  };
}

export function aMaterialSync(overrides: Partial<MaterialSyncFieldsFragment> = {}): MaterialSyncFieldsFragment {
  return {
    __typename: 'MaterialSync',
    id: 'ms-1',
    status: 'SUCCEEDED',
    listed: 12,
    added: 3,
    removed: 1,
    downloaded: 12,
    errorCode: null,
    errorMessage: null,
    startedAt: '2026-11-05T08:00:00Z',
    finishedAt: '2026-11-05T08:01:00Z',
    ...overrides,
  };
}

const RULES: Record<MaterialKind, { cap: number; maxBytes: number; formats: string[] }> = {
  IMAGE: { cap: 5000, maxBytes: 10 * 1024 * 1024, formats: ['jpg', 'png', 'gif', 'bmp'] },
  VOICE: { cap: 1000, maxBytes: 2 * 1024 * 1024, formats: ['amr', 'mp3'] },
  VIDEO: { cap: 1000, maxBytes: 10 * 1024 * 1024, formats: ['mp4'] },
  THUMB: { cap: 1000, maxBytes: 64 * 1024, formats: ['jpg'] },
};

/** A `materialLibrary` answer with the given counts per kind. */
export function aLibrary(counts: Partial<Record<MaterialKind, number>> = {}, lastSync: MaterialSyncFieldsFragment | null = null) {
  return {
    __typename: 'MaterialLibrary',
    kinds: (Object.keys(RULES) as MaterialKind[]).map((kind) => ({
      __typename: 'MaterialKindCount',
      kind,
      count: counts[kind] ?? 0,
      ...RULES[kind],
    })),
    lastSync,
  };
}

/** A connection answer; cursors are `cur-<id>`. */
export function connectionOf<T extends { id: string }>(typename: string, nodes: T[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  return {
    __typename: `${typename}Connection`,
    totalCount,
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.length ? `cur-${nodes.at(-1)?.id}` : null },
    edges: nodes.map((node) => ({ __typename: `${typename}Edge`, cursor: `cur-${node.id}`, node })),
  };
}

/** A `draft` answer (DraftFields). */
export function aDraft(overrides: Partial<DraftFieldsFragment> = {}): DraftFieldsFragment {
  return {
    __typename: 'Draft',
    id: 'd-1',
    accountId: 'acc-1',
    mediaId: 'draft-media-1',
    title: '双十一活动预告',
    createdAt: '2026-11-01T08:00:00Z',
    createdBy: 'olivia',
    updatedAt: '2026-11-02T08:00:00Z',
    updatedBy: 'olivia',
    wechatUpdatedAt: null,
    articles: [
      {
        __typename: 'DraftArticle',
        title: '双十一活动预告',
        author: '小编',
        digest: '全场五折',
        content: '<p>全场<strong>五折</strong>，欢迎光临。</p>',
        contentSourceUrl: null,
        coverMediaId: 'media-m-1',
        cover: { __typename: 'Material', id: 'm-1', name: 'banner.png', previewUrl: '/api/materials/m-1/preview', fileUrl: '/api/materials/m-1/file' },
        openComment: true,
        onlyFansCanComment: false,
      },
    ],
    ...overrides,
  };
}
