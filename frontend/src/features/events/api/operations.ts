import { graphql } from '../../../gql';

/** One page of pushes, newest first. */
export const CallbackEventsQuery = graphql(`
  query CallbackEvents($accountId: ID!, $first: Int!, $after: String, $types: [String], $excludeTypes: [String]) {
    callbackEvents(accountId: $accountId, first: $first, after: $after, types: $types, excludeTypes: $excludeTypes) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...CallbackEventFields
        }
      }
    }
  }
`);

/** Every new push to the account, live. */
export const CallbackEventReceivedSubscription = graphql(`
  subscription CallbackEventReceived($accountId: ID!) {
    callbackEventReceived(accountId: $accountId) {
      ...CallbackEventFields
    }
  }
`);

export const WeChatConnectionQuery = graphql(`
  query WeChatConnection($accountId: ID!) {
    weChatConnection(accountId: $accountId) {
      ...WeChatConnectionFields
    }
  }
`);

export const WeChatConnectionTestMutation = graphql(`
  mutation WeChatConnectionTest($input: WeChatConnectionTestInput!) {
    weChatConnectionTest(input: $input) {
      connection {
        ...WeChatConnectionFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const SandboxFanActivitySimulateMutation = graphql(`
  mutation SandboxFanActivitySimulate($input: SandboxFanActivitySimulateInput!) {
    sandboxFanActivitySimulate(input: $input) {
      pushed
      openid
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);
