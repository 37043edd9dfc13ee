import { graphql } from '../../../gql';

/** A job as a row of the history list (the live changes bring the same fields). */
export const HistoryJobFieldsFragment = graphql(`
  fragment HistoryJobFields on DispatchJob {
    id
    accountId
    kind
    state
    title
    total
    createdBy
    createdAt
    startedAt
    finishedAt
    counts {
      done
      total
      delivered
      sent
      userBlocked
      systemFailed
      failed
      skipped
      inDoubt
      queued
      sending
    }
  }
`);

/** Jobs newest first, filtered; keyset pages. */
export const HistoryJobsQuery = graphql(`
  query HistoryJobs($filter: HistoryJobFilter, $first: Int, $after: String) {
    historyJobs(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...HistoryJobFields
        }
      }
    }
  }
`);

/** Jobs whose state or counts changed (all accounts', or one account's), live: each item the whole row. */
export const HistoryJobsChangedSubscription = graphql(`
  subscription HistoryJobsChanged($accountId: ID) {
    dispatchJobsChanged(accountId: $accountId) {
      ...HistoryJobFields
    }
  }
`);

/** The accounts for the account filter (the global history). */
export const HistoryAccountsQuery = graphql(`
  query HistoryAccounts {
    accounts(first: 200) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** A page of a job's recipients, by state and openid prefix. */
export const HistoryRecipientsQuery = graphql(`
  query HistoryRecipients($jobId: ID!, $filter: HistoryRecipientFilter, $first: Int, $after: String) {
    historyRecipients(jobId: $jobId, filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          seq
          openid
          state
          attempts
          sentAt
          msgid
          errcode
          errmsg
          reportStatus
          reportedAt
          skipReason
        }
      }
    }
  }
`);

/** What Fanmail sent a fan and what WeChat reported, newest first. */
export const FanSentMessagesQuery = graphql(`
  query FanSentMessages($accountId: ID!, $openid: String!, $first: Int) {
    fanSentMessages(accountId: $accountId, openid: $openid, first: $first) {
      edges {
        cursor
        node {
          jobId
          seq
          kind
          title
          state
          sentAt
          reportStatus
          reportedAt
          errcode
          errmsg
          skipReason
          createdAt
        }
      }
    }
  }
`);
