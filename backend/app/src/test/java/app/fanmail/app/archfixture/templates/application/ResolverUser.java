package app.fanmail.app.archfixture.templates.application;

/** Architecture fixture: planted: the application uses the graphql layer. */
public class ResolverUser {
    app.fanmail.app.archfixture.templates.graphql.Resolver resolver;
}
