package app.fanmail.app.archfixture.templates.infrastructure;

/** Architecture fixture: planted: a product module drives the sandbox. */
public class SandboxUser {
    app.fanmail.app.archfixture.wechat.api.Sandbox sandbox;
}
