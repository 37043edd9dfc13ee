package app.fanmail.app.archfixture.templates.api;

/** Architecture fixture: planted: the api exposes a domain type. */
public class TemplatesApi {
    public app.fanmail.app.archfixture.templates.domain.Thing thing() { return null; }
}
