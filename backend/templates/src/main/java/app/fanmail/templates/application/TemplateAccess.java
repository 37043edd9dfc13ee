package app.fanmail.templates.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Viewer;
import app.fanmail.templates.application.TemplateGateway.GatewayException;
import app.fanmail.templates.domain.ChangeLimits;
import app.fanmail.templates.domain.IndustryCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The checks every template operation starts with (the account exists and may send template
 * messages; the template exists) and the user errors WeChat's failures become. Reads only.
 */
@ApplicationScoped
public class TemplateAccess {
    @Inject
    AccountDirectory accounts;
    @Inject
    TemplateRepository store;

    private final IndustryCatalog catalog = IndustryCatalog.standard();

    public record Eligibility(boolean eligible, String reason) {
    }

    public IndustryCatalog catalog() {
        return catalog;
    }

    public Eligibility eligibility(AccountView a) {
        if (a.canSendTemplates()) {
            return new Eligibility(true, null);
        }
        if (a.type() != AccountType.SERVICE) {
            return new Eligibility(false, "Only service accounts (服务号) can send template messages; this is a subscription account.");
        }
        return new Eligibility(false, "Only verified (认证) service accounts can send template messages; this account is not verified.");
    }

    AccountView account(UUID accountId, String field) {
        return Optional.ofNullable(accountId).flatMap(accounts::find)
                .orElseThrow(() -> new UserErrorsException("NOT_FOUND", field, "No such account."));
    }

    /** The account, when it may send template messages; TEMPLATES_NOT_AVAILABLE before anything talks to WeChat otherwise. */
    AccountView eligible(UUID accountId) {
        AccountView a = account(accountId, "accountId");
        Eligibility e = eligibility(a);
        if (!e.eligible()) {
            throw new UserErrorsException("TEMPLATES_NOT_AVAILABLE", "accountId", e.reason());
        }
        return a;
    }

    StoredTemplate template(UUID id) {
        return Optional.ofNullable(id).flatMap(store::find)
                .orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such template."));
    }

    static String actor() {
        return CurrentViewer.get().map(Viewer::username).orElse(null);
    }

    static UserErrorsException wechatFailure(GatewayException e, String field) {
        return new UserErrorsException(e.transientFailure() ? "WECHAT_UNAVAILABLE" : "WECHAT_REFUSED", field,
                "WeChat answered " + e.errcode() + ": " + e.errmsg() + (e.transientFailure() ? " Try again later." : ""));
    }

    static LocalDate chinaDate(Instant instant) {
        return instant.atZone(ChangeLimits.CHINA_TIME).toLocalDate();
    }
}
