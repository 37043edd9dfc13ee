import { graphql } from '../../../gql';

/** Every CallbackEvent field the console shows (rawXml is null unless the viewer is an admin). */
export const CallbackEventFieldsFragment = graphql(`
  fragment CallbackEventFields on CallbackEvent {
    id
    accountId
    type
    msgType
    event
    openid
    createdAt
    receivedAt
    processedAt
    summary
    fields {
      name
      value
    }
    rawXml
  }
`);

/** The state of an account's access token. */
export const WeChatConnectionFieldsFragment = graphql(`
  fragment WeChatConnectionFields on WeChatConnection {
    accountId
    connected
    tokenExpiresAt
    refreshCount
    lastErrorCode
    lastError
    failedAt
    retryAfter
  }
`);
