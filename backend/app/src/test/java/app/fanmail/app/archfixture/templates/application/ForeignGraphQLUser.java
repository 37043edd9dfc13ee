package app.fanmail.app.archfixture.templates.application;

/** Architecture fixture: planted: a service uses another module's GraphQL type (only GraphQL layers may share types). */
public class ForeignGraphQLUser {
    app.fanmail.app.archfixture.wechat.graphql.TimeoutClassifier type;
}
