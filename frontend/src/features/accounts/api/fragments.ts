import { graphql } from '../../../gql';

/** Every Account field the UI shows; spread by the list, the edit page and the mutations. */
export const AccountFieldsFragment = graphql(`
  fragment AccountFields on Account {
    id
    name
    originalId
    appId
    type
    verified
    encryptionMode
    apiTarget
    apiBaseUrl
    status
    callbackUrl
    appSecretSet
    tokenSet
    encodingAesKeySet
    createdAt
    updatedAt
  }
`);
