package app.fanmail.app.archfixture.templates.graphql;

/** Architecture fixture: allowed: one module's GraphQL layer uses another's GraphQL type (one schema, one class per type). */
public class SharedTypeUser {
    app.fanmail.app.archfixture.wechat.graphql.TimeoutClassifier shared;
}
