package app.fanmail.app.archfixture.identity.application;

/** Architecture fixture: planted: identity uses templates, which the allowed-dependency map does not let it. */
public class TemplatesUser {
    app.fanmail.app.archfixture.templates.api.TemplatesApi templates;
}
