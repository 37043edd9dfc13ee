package app.fanmail.accounts.infrastructure;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** The accounts module owns the {@code accounts} schema; its migrations live in {@code db/accounts}. */
@ApplicationScoped
public class AccountsSchema implements ModuleSchema {
    @Override
    public String schema() {
        return "accounts";
    }

    @Override
    public int order() {
        return 20;
    }
}
