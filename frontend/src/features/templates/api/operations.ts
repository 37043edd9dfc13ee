import { graphql } from '../../../gql';

/** One of WeChat's industries, with both languages' names. */
export const TemplateIndustryFieldsFragment = graphql(`
  fragment TemplateIndustryFields on TemplateIndustry {
    id
    firstClass
    firstClassEn
    secondClass
    secondClassEn
  }
`);

/** Whether the account may use templates, its industries and library size. */
export const TemplateSetupFieldsFragment = graphql(`
  fragment TemplateSetupFields on TemplateSetup {
    accountId
    eligible
    reason
    nextIndustryChangeAt
    templateCount
    templateLimit
    primaryIndustry {
      ...TemplateIndustryFields
    }
    secondaryIndustry {
      ...TemplateIndustryFields
    }
  }
`);

/** Every Template field the pages show. */
export const TemplateFieldsFragment = graphql(`
  fragment TemplateFields on Template {
    id
    accountId
    templateId
    title
    primaryIndustry
    deputyIndustry
    industry {
      ...TemplateIndustryFields
    }
    content
    example
    syncedAt
    fields {
      key
      label
      legacy
      type
    }
  }
`);

/** The account's library (WeChat allows 25, so one page holds it all). */
export const TemplatesQuery = graphql(`
  query Templates($accountId: ID!, $first: Int!, $after: String) {
    templates(accountId: $accountId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...TemplateFields
        }
      }
    }
  }
`);

/** A template's saved preset: how its fields are filled and where the message links to. */
export const TemplatePresetFieldsFragment = graphql(`
  fragment TemplatePresetFields on TemplatePreset {
    version
    updatedAt
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
`);

export const TemplateQuery = graphql(`
  query Template($id: ID!) {
    template(id: $id) {
      ...TemplateFields
      preset {
        ...TemplatePresetFields
      }
    }
  }
`);

/** Messages of the template WeChat intercepted, oldest first, after `largestId` (asks WeChat). */
export const TemplateBlockedMessagesQuery = graphql(`
  query TemplateBlockedMessages($templateId: ID!, $first: Int!, $largestId: String!) {
    templateBlockedMessages(templateId: $templateId, first: $first, largestId: $largestId) {
      id
      templateMessageId
      sentAt
      openid
      title
      content
    }
  }
`);

/** What a fan's phone shows for these values (the server owns the display rules). */
export const TemplatePreviewQuery = graphql(`
  query TemplatePreview($templateId: ID!, $values: [TemplateValueInput!]!) {
    templatePreview(templateId: $templateId, values: $values) {
      title
      lines {
        key
        label
        text
        value
        truncated
        refused
      }
      warnings {
        code
        field
        message
      }
      refusals {
        field
        type
        reason
        limit
        message
      }
    }
  }
`);

export const TemplateSyncMutation = graphql(`
  mutation TemplateSync($input: TemplateSyncInput!) {
    templateSync(input: $input) {
      added
      removed
      updated
      total
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TemplateAddMutation = graphql(`
  mutation TemplateAdd($input: TemplateAddInput!) {
    templateAdd(input: $input) {
      template {
        ...TemplateFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TemplateDeleteMutation = graphql(`
  mutation TemplateDelete($input: TemplateDeleteInput!) {
    templateDelete(input: $input) {
      deletedTemplateId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TemplateIndustriesSetMutation = graphql(`
  mutation TemplateIndustriesSet($input: TemplateIndustriesSetInput!) {
    templateIndustriesSet(input: $input) {
      setup {
        ...TemplateSetupFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TemplatePresetSaveMutation = graphql(`
  mutation TemplatePresetSave($input: TemplatePresetSaveInput!) {
    templatePresetSave(input: $input) {
      preset {
        ...TemplatePresetFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** A WeChat service category (category model). */
export const TemplateCategoryFieldsFragment = graphql(`
  fragment TemplateCategoryFields on TemplateCategory {
    id
    name
    parentId
    parentName
  }
`);

/** How many category changes WeChat still allows this month (China time). */
export const TemplateChangeAllowanceFieldsFragment = graphql(`
  fragment TemplateChangeAllowanceFields on TemplateChangeAllowance {
    limit
    remaining
    used
    resetsAt
  }
`);

/** Which setup model the account uses, and its service categories (category model). */
export const TemplateSetupModelFieldsFragment = graphql(`
  fragment TemplateSetupModelFields on TemplateSetup {
    model
    categoryLimit
    categories {
      ...TemplateCategoryFields
    }
    categoryChanges {
      ...TemplateChangeAllowanceFields
    }
  }
`);

/** `/accounts/:id/templates`: the account's setup in either model and the industry picker's catalog. */
export const TemplatesSetupPageQuery = graphql(`
  query TemplatesSetupPage($accountId: ID!) {
    templateSetup(accountId: $accountId) {
      ...TemplateSetupFields
      ...TemplateSetupModelFields
    }
    industryCatalog {
      ...TemplateIndustryFields
    }
  }
`);

/** The categories WeChat lets the account choose (asks WeChat). */
export const TemplateCategoryCatalogQuery = graphql(`
  query TemplateCategoryCatalog($accountId: ID!) {
    templateCategoryCatalog(accountId: $accountId) {
      ...TemplateCategoryFields
    }
  }
`);

/** What setting the categories to these ids would do; changes nothing. */
export const TemplateCategoryPlanQuery = graphql(`
  query TemplateCategoryPlan($accountId: ID!, $categoryIds: [String!]!) {
    templateCategoryPlan(accountId: $accountId, categoryIds: $categoryIds) {
      added {
        ...TemplateCategoryFields
      }
      removed {
        ...TemplateCategoryFields
      }
      changesNeeded
      allowance {
        ...TemplateChangeAllowanceFields
      }
      deletedTemplates {
        id
        templateId
        title
      }
      problems {
        code
        field
        message
      }
    }
  }
`);

export const TemplateSetupModelSetMutation = graphql(`
  mutation TemplateSetupModelSet($input: TemplateSetupModelSetInput!) {
    templateSetupModelSet(input: $input) {
      setup {
        ...TemplateSetupFields
        ...TemplateSetupModelFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TemplateCategoriesSetMutation = graphql(`
  mutation TemplateCategoriesSet($input: TemplateCategoriesSetInput!) {
    templateCategoriesSet(input: $input) {
      setup {
        ...TemplateSetupFields
        ...TemplateSetupModelFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** The account's recent industry and category changes made through Fanmail, newest first. */
export const TemplateSetupChangesQuery = graphql(`
  query TemplateSetupChanges($accountId: ID!) {
    templateSetupChanges(accountId: $accountId, first: 10) {
      model
      changedAt
      changedBy
      primaryIndustry {
        ...TemplateIndustryFields
      }
      secondaryIndustry {
        ...TemplateIndustryFields
      }
      added {
        ...TemplateCategoryFields
      }
      removed {
        ...TemplateCategoryFields
      }
    }
  }
`);

/** WeChat's public library for the add dialog's picker (browsable for sandbox accounts only). */
export const TemplateLibraryQuery = graphql(`
  query TemplateLibrary($accountId: ID!) {
    templateLibrary(accountId: $accountId) {
      browsable
      entries {
        shortId
        title
        primaryIndustry
        deputyIndustry
        categoryId
        keywordNames
        inSetup
        fields {
          key
          label
          legacy
        }
      }
    }
  }
`);
