import { graphql } from '../../../gql';

export const UserFieldsFragment = graphql(`
  fragment UserFields on User {
    id
    username
    role
    enabled
    createdAt
    lastSignInAt
  }
`);
