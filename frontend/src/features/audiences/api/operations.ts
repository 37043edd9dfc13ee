import { graphql } from '../../../gql';

/** A fan's customer-service window (open = false or null when there is none). */
export const FanWindowFieldsFragment = graphql(`
  fragment FanWindowFields on FanWindow {
    open
    kind
    openedBy
    openedAt
    expiresAt
    remaining
  }
`);

/** Every Fan field the list and the detail page show. */
export const FanFieldsFragment = graphql(`
  fragment FanFields on Fan {
    openid
    remark
    subscribed
    subscribedAt
    unsubscribedAt
    language
    lastInteractionAt
    detailsSyncedAt
    tags {
      id
      name
    }
    window {
      ...FanWindowFields
    }
  }
`);

/** One page of the account's fans matching the filter, and how many match in all. */
export const FansQuery = graphql(`
  query Fans($accountId: ID!, $filter: FanFilterInput, $orderBy: FanOrder, $first: Int, $after: String) {
    fans(accountId: $accountId, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...FanFields
        }
      }
    }
  }
`);

/** How many fans match the filter (asked separately: pages carry no total). */
export const FanCountQuery = graphql(`
  query FanCount($accountId: ID!, $filter: FanFilterInput) {
    fanCount(accountId: $accountId, filter: $filter)
  }
`);

/** One fan, and the server's customer-service window rules to explain its window. */
export const FanQuery = graphql(`
  query Fan($accountId: ID!, $openid: String!) {
    fan(accountId: $accountId, openid: $openid) {
      ...FanFields
    }
    serviceWindowRules {
      messageLimit
      messageSeconds
      interactionLimit
      interactionSeconds
    }
  }
`);

/** The fan's pushes (messages, clicks, follows…), newest first. */
export const FanTimelineQuery = graphql(`
  query FanTimeline($accountId: ID!, $openid: String!, $first: Int!, $after: String) {
    callbackEvents(accountId: $accountId, openid: $openid, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          type
          msgType
          event
          summary
          createdAt
        }
      }
    }
  }
`);

export const FanRemarkUpdateMutation = graphql(`
  mutation FanRemarkUpdate($input: FanRemarkUpdateInput!) {
    fanRemarkUpdate(input: $input) {
      fan {
        ...FanFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const FanSyncFieldsFragment = graphql(`
  fragment FanSyncFields on FanSync {
    id
    kind
    status
    phase
    done
    total
    startedAt
    finishedAt
    errorCode
    errorMessage
  }
`);

/** The latest run of each kind of sync. */
export const FanSyncsQuery = graphql(`
  query FanSyncs($accountId: ID!) {
    fanSyncs(accountId: $accountId) {
      ...FanSyncFields
    }
  }
`);

export const FanSyncStartMutation = graphql(`
  mutation FanSyncStart($input: FanSyncStartInput!) {
    fanSyncStart(input: $input) {
      sync {
        ...FanSyncFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const FanSyncCancelMutation = graphql(`
  mutation FanSyncCancel($input: FanSyncCancelInput!) {
    fanSyncCancel(input: $input) {
      sync {
        ...FanSyncFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** Every change of the account's sync runs, live. */
export const FanSyncProgressSubscription = graphql(`
  subscription FanSyncProgress($accountId: ID!) {
    fanSyncProgress(accountId: $accountId) {
      ...FanSyncFields
    }
  }
`);

export const TagFieldsFragment = graphql(`
  fragment TagFields on Tag {
    id
    name
    wechatCount
    fanCount
    reserved
  }
`);

export const TagsQuery = graphql(`
  query Tags($accountId: ID!) {
    tags(accountId: $accountId) {
      ...TagFields
    }
  }
`);

export const TagCreateMutation = graphql(`
  mutation TagCreate($input: TagCreateInput!) {
    tagCreate(input: $input) {
      tag {
        ...TagFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TagRenameMutation = graphql(`
  mutation TagRename($input: TagRenameInput!) {
    tagRename(input: $input) {
      tag {
        ...TagFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TagDeleteMutation = graphql(`
  mutation TagDelete($input: TagDeleteInput!) {
    tagDelete(input: $input) {
      deletedTagId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TagsRefreshMutation = graphql(`
  mutation TagsRefresh($input: TagsRefreshInput!) {
    tagsRefresh(input: $input) {
      tags {
        ...TagFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TagJobFieldsFragment = graphql(`
  fragment TagJobFields on TagJob {
    id
    tagId
    tagName
    action
    status
    total
    done
    succeeded
    failed
    startedAt
    finishedAt
    errorMessage
  }
`);

export const TagJobsQuery = graphql(`
  query TagJobs($accountId: ID!, $first: Int, $after: String) {
    tagJobs(accountId: $accountId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...TagJobFields
        }
      }
    }
  }
`);

/** A job's failure report, one page at a time. */
export const TagJobFailuresQuery = graphql(`
  query TagJobFailures($id: ID!, $first: Int, $after: String) {
    tagJob(id: $id) {
      ...TagJobFields
      failures(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            openid
            line
            code
            message
          }
        }
      }
    }
  }
`);

export const TagJobStartMutation = graphql(`
  mutation TagJobStart($input: TagJobStartInput!) {
    tagJobStart(input: $input) {
      job {
        ...TagJobFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** Every change of the account's bulk tagging jobs, live. */
export const TagJobCancelMutation = graphql(`
  mutation TagJobCancel($input: TagJobCancelInput!) {
    tagJobCancel(input: $input) {
      job {
        ...TagJobFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TagJobProgressSubscription = graphql(`
  subscription TagJobProgress($accountId: ID!) {
    tagJobProgress(accountId: $accountId) {
      ...TagJobFields
    }
  }
`);

export const UploadFieldsFragment = graphql(`
  fragment UploadFields on Upload {
    id
    name
    status
    columns
    totalLines
    valid
    invalid
    unknown
    duplicates
    createdAt
    errorCode
    errorMessage
  }
`);

export const UploadsQuery = graphql(`
  query Uploads($accountId: ID!, $first: Int, $after: String) {
    uploads(accountId: $accountId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...UploadFields
        }
      }
    }
  }
`);

/** One upload with a page of its problem lines. */
export const UploadQuery = graphql(`
  query Upload($id: ID!, $first: Int, $after: String) {
    upload(id: $id) {
      ...UploadFields
      problems(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            line
            openid
            code
            message
          }
        }
      }
    }
  }
`);

export const UploadDeleteMutation = graphql(`
  mutation UploadDelete($input: UploadDeleteInput!) {
    uploadDelete(input: $input) {
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const FanFilterFieldsFragment = graphql(`
  fragment FanFilterFields on FanFilter {
    search
    tagIds
    tagMatch
    subscribed
    interactedAfter
    interactedBefore
    window
  }
`);

export const SegmentFieldsFragment = graphql(`
  fragment SegmentFields on Segment {
    id
    name
    createdAt
    updatedAt
    filter {
      ...FanFilterFields
    }
  }
`);

export const SegmentsQuery = graphql(`
  query Segments($accountId: ID!) {
    segments(accountId: $accountId) {
      ...SegmentFields
    }
  }
`);

export const SegmentCreateMutation = graphql(`
  mutation SegmentCreate($input: SegmentCreateInput!) {
    segmentCreate(input: $input) {
      segment {
        ...SegmentFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const SegmentUpdateMutation = graphql(`
  mutation SegmentUpdate($input: SegmentUpdateInput!) {
    segmentUpdate(input: $input) {
      segment {
        ...SegmentFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const SegmentDeleteMutation = graphql(`
  mutation SegmentDelete($input: SegmentDeleteInput!) {
    segmentDelete(input: $input) {
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** An audience's size and the reachable / excluded split for a purpose. */
export const AudienceCountQuery = graphql(`
  query AudienceCount($input: AudienceSelectorInput!, $purpose: AudiencePurpose) {
    audienceCount(input: $input, purpose: $purpose) {
      total
      reachable
      excluded {
        reason
        count
      }
    }
  }
`);

/** A test fan as the test fans card shows it. */
export const TestFanFieldsFragment = graphql(`
  fragment TestFanFields on TestFan {
    openid
    label
    remark
    subscribed
    createdAt
    createdBy
  }
`);

/** The account's test fans (at most 20), oldest first. */
export const TestFansQuery = graphql(`
  query TestFans($accountId: ID!) {
    testFans(accountId: $accountId) {
      ...TestFanFields
    }
  }
`);

export const TestFanAddMutation = graphql(`
  mutation TestFanAdd($input: TestFanAddInput!) {
    testFanAdd(input: $input) {
      testFan {
        ...TestFanFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TestFanRemoveMutation = graphql(`
  mutation TestFanRemove($input: TestFanRemoveInput!) {
    testFanRemove(input: $input) {
      removedOpenid
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);
