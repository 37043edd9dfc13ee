package app.fanmail.accounts.api;

import org.eclipse.microprofile.graphql.Description;

@Description("Kind of official account; only SERVICE accounts may send template messages.")
public enum AccountType {
    @Description("Service account (服务号).")
    SERVICE,
    @Description("Subscription account (订阅号).")
    SUBSCRIPTION
}
