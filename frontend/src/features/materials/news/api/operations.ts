import { graphql } from '../../../../gql';

/** Every Draft field the list, the editor and the preview use. */
export const DraftFieldsFragment = graphql(`
  fragment DraftFields on Draft {
    id
    accountId
    mediaId
    title
    createdAt
    createdBy
    updatedAt
    updatedBy
    wechatUpdatedAt
    articles {
      title
      author
      digest
      content
      contentSourceUrl
      coverMediaId
      cover {
        id
        name
        previewUrl
        fileUrl
      }
      openComment
      onlyFansCanComment
    }
  }
`);

/** One page of the account's drafts, the most recently updated first. */
export const DraftsQuery = graphql(`
  query Drafts($accountId: ID!, $search: String, $first: Int, $after: String) {
    drafts(accountId: $accountId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
          updatedAt
          updatedBy
          articles {
            title
            cover {
              id
              previewUrl
            }
          }
        }
      }
    }
  }
`);

export const DraftQuery = graphql(`
  query Draft($id: ID!) {
    draft(id: $id) {
      ...DraftFields
    }
  }
`);

export const DraftCreateMutation = graphql(`
  mutation DraftCreate($input: DraftCreateInput!) {
    draftCreate(input: $input) {
      draft {
        ...DraftFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DraftUpdateMutation = graphql(`
  mutation DraftUpdate($input: DraftUpdateInput!) {
    draftUpdate(input: $input) {
      draft {
        ...DraftFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DraftDeleteMutation = graphql(`
  mutation DraftDelete($input: DraftDeleteInput!) {
    draftDelete(input: $input) {
      deletedDraftId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DraftSyncMutation = graphql(`
  mutation DraftSync($input: DraftSyncInput!) {
    draftSync(input: $input) {
      listed
      added
      removed
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);
