package app.fanmail.accounts.api;

import org.eclipse.microprofile.graphql.Description;

@Description("Whether Fanmail uses the account.")
public enum AccountStatus {
    @Description("In use.")
    ACTIVE,
    @Description("Kept, but nothing is sent for it.")
    DISABLED
}
