import { graphql } from '../gql';

/**
 * The selection of a payload's `userErrors`, spread by every mutation document
 * (`userErrors { ...UserErrorFields }`) so that all read the same fields.
 */
export const UserErrorFieldsFragment = graphql(`
  fragment UserErrorFields on UserError {
    code
    field
    message
  }
`);
