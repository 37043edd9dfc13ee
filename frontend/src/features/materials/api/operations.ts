import { graphql } from '../../../gql';

/** Every Material field the grid, the cards and the picker show. */
export const MaterialFieldsFragment = graphql(`
  fragment MaterialFields on Material {
    id
    accountId
    kind
    name
    mediaId
    origin
    previewState
    previewError
    previewUrl
    fileUrl
    videoLink
    videoTitle
    videoDescription
    wechatUrl
    durationMillis
    width
    height
    byteSize
    contentType
    createdAt
    createdBy
    temporary {
      mediaId
      expiresAt
    }
  }
`);

export const MaterialSyncFieldsFragment = graphql(`
  fragment MaterialSyncFields on MaterialSync {
    id
    status
    listed
    added
    removed
    downloaded
    errorCode
    errorMessage
    startedAt
    finishedAt
  }
`);

/** Counts per kind against WeChat's caps, the file rules per kind, and the last sync. */
export const MaterialLibraryQuery = graphql(`
  query MaterialLibrary($accountId: ID!) {
    materialLibrary(accountId: $accountId) {
      kinds {
        kind
        count
        cap
        maxBytes
        formats
      }
      lastSync {
        ...MaterialSyncFields
      }
    }
  }
`);

/** One page of the account's materials of a kind, newest first. */
export const MaterialsQuery = graphql(`
  query Materials($accountId: ID!, $kind: MaterialKind!, $search: String, $first: Int, $after: String) {
    materials(accountId: $accountId, kind: $kind, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...MaterialFields
        }
      }
    }
  }
`);

export const MaterialQuery = graphql(`
  query Material($id: ID!) {
    material(id: $id) {
      ...MaterialFields
    }
  }
`);

export const MaterialDeleteMutation = graphql(`
  mutation MaterialDelete($input: MaterialDeleteInput!) {
    materialDelete(input: $input) {
      deletedMaterialId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const MaterialSyncStartMutation = graphql(`
  mutation MaterialSyncStart($input: MaterialSyncStartInput!) {
    materialSyncStart(input: $input) {
      sync {
        ...MaterialSyncFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);
