package app.fanmail.app.archfixture.templates.infrastructure;

/** Architecture fixture: planted: infrastructure uses the graphql layer. */
public class Store {
    app.fanmail.app.archfixture.templates.graphql.Resolver resolver;
}
