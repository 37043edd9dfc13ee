package app.fanmail.app.archfixture.templates.graphql;

/** Architecture fixture: an entry point. */
public class Resolver {

}
