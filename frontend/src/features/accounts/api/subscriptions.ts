import { graphql } from '../../../gql';

/** Any account created, updated or deleted (by anyone). */
export const AccountChangedSubscription = graphql(`
  subscription AccountChanged {
    accountChanged {
      kind
      accountId
      account {
        ...AccountFields
      }
    }
  }
`);
