package app.fanmail.app.archfixture.templates.domain;

/** Architecture fixture: planted: the domain calls an application service. */
public class Thing {
    app.fanmail.app.archfixture.templates.application.Service service;
}
