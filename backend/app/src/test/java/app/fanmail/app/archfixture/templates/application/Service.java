package app.fanmail.app.archfixture.templates.application;

/** Architecture fixture: planted: the application uses an adapter (infrastructure) instead of a port. */
public class Service {
    app.fanmail.app.archfixture.templates.infrastructure.Store store;
    app.fanmail.app.archfixture.kernel.Shared shared;
}
