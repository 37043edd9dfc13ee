import { graphql } from '../../../gql';

/** The account's templates with their fields and presets (WeChat allows 25: one page). */
export const DispatchTemplatesQuery = graphql(`
  query DispatchTemplates($accountId: ID!) {
    templates(accountId: $accountId, first: 25) {
      edges {
        node {
          id
          templateId
          title
          fields {
            key
            label
            legacy
            type
          }
          preset {
            url
            miniProgramAppId
            miniProgramPagePath
            mappings {
              key
              source
              fixedValue
              csvColumn
            }
          }
        }
      }
    }
  }
`);

/** What the audience picker offers: tags, uploads (with their CSV columns) and saved segments. */
export const DispatchAudienceOptionsQuery = graphql(`
  query DispatchAudienceOptions($accountId: ID!) {
    tags(accountId: $accountId) {
      id
      name
      fanCount
    }
    uploads(accountId: $accountId, first: 100) {
      edges {
        node {
          id
          name
          status
          columns
          valid
        }
      }
    }
    segments(accountId: $accountId) {
      id
      name
    }
  }
`);

export const DispatchPlanFieldsFragment = graphql(`
  fragment DispatchPlanFields on DispatchPlan {
    audienceSize
    reachable
    excluded {
      reason
      count
    }
    quota {
      limit
      usedByWeChat
      usedByFanmail
      remaining
      resetsAt
    }
    sendToday
    sendAfterReset
    warnings {
      code
      field
      count
      message
    }
    sample {
      openid
      remark
      values {
        key
        value
      }
    }
  }
`);

/** The pre-flight plan: writes nothing (a mutation because it asks WeChat for today's quota). */
export const DispatchPlanMutation = graphql(`
  mutation DispatchPlan($input: DispatchTemplateInput!) {
    dispatchPlan(input: $input) {
      plan {
        ...DispatchPlanFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** What a sample fan's phone shows (the templates module's display rules). */
export const DispatchPreviewQuery = graphql(`
  query DispatchPreview($templateId: ID!, $values: [TemplateValueInput!]!) {
    templatePreview(templateId: $templateId, values: $values) {
      title
      lines {
        key
        label
        value
        truncated
        refused
      }
      warnings {
        code
        field
        message
      }
    }
  }
`);

export const DispatchCountsFieldsFragment = graphql(`
  fragment DispatchCountsFields on DispatchCounts {
    queued
    sending
    sent
    delivered
    userBlocked
    systemFailed
    failed
    skipped
    inDoubt
    done
    total
  }
`);

/** A job as the job page shows it. */
export const DispatchJobFieldsFragment = graphql(`
  fragment DispatchJobFields on DispatchJob {
    id
    accountId
    kind
    state
    title
    total
    counts {
      ...DispatchCountsFields
    }
    pausedUntil
    pauseReason
    failure
    createdBy
    createdAt
    startedAt
    finishedAt
    audience
    followUpOf
    content {
      templateId
      wechatTemplateId
      title
      url
      miniProgramAppId
      miniProgramPagePath
      fields {
        key
        source
        text
        column
      }
    }
    plan {
      ...DispatchPlanFields
    }
    events {
      at
      actor
      from
      to
      reason
    }
  }
`);

export const DispatchJobQuery = graphql(`
  query DispatchJob($id: ID!) {
    dispatchJob(id: $id) {
      ...DispatchJobFields
    }
  }
`);

/** Counts, rate and ETA of a running job, live (a few updates a second at most). */
export const DispatchProgressSubscription = graphql(`
  subscription DispatchProgress($jobId: ID!) {
    dispatchProgress(jobId: $jobId) {
      jobId
      state
      counts {
        ...DispatchCountsFields
      }
      ratePerSecond
      etaSeconds
      at
    }
  }
`);

export const DispatchCreateMutation = graphql(`
  mutation DispatchCreate($input: DispatchTemplateInput!) {
    dispatchCreate(input: $input) {
      job {
        id
        state
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DispatchStartMutation = graphql(`
  mutation DispatchStart($input: DispatchJobIdInput!) {
    dispatchStart(input: $input) {
      job {
        ...DispatchJobFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DispatchPauseMutation = graphql(`
  mutation DispatchPause($input: DispatchJobIdInput!) {
    dispatchPause(input: $input) {
      job {
        ...DispatchJobFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DispatchResumeMutation = graphql(`
  mutation DispatchResume($input: DispatchJobIdInput!) {
    dispatchResume(input: $input) {
      job {
        ...DispatchJobFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DispatchCancelMutation = graphql(`
  mutation DispatchCancel($input: DispatchJobIdInput!) {
    dispatchCancel(input: $input) {
      job {
        ...DispatchJobFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DispatchRetryFailedMutation = graphql(`
  mutation DispatchRetryFailed($input: DispatchJobIdInput!) {
    dispatchRetryFailed(input: $input) {
      job {
        id
        state
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DispatchResendInDoubtMutation = graphql(`
  mutation DispatchResendInDoubt($input: DispatchJobIdInput!) {
    dispatchResendInDoubt(input: $input) {
      job {
        id
        state
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** The account's test fans, to choose whom a test send goes to. */
export const DispatchTestFansQuery = graphql(`
  query DispatchTestFans($accountId: ID!) {
    testFans(accountId: $accountId) {
      openid
      label
      subscribed
    }
  }
`);

/** Sends the content to the chosen test fans now; each one's outcome comes back inline (no job). */
export const DispatchTestSendMutation = graphql(`
  mutation DispatchTestSend($input: DispatchTestSendInput!) {
    dispatchTestSend(input: $input) {
      results {
        openid
        label
        status
        msgid
        errcode
        message
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);
