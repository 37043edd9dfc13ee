package app.fanmail.accounts.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.persistence.AccountDataSchema;
import jakarta.persistence.EntityManager;

/** The order of the work over the modules' schemas; the SQL itself is {@code AccountData}'s, run in AccountDeletionIT. */
class AccountDataCleanupTest {
    private static final UUID ACCOUNT = UUID.randomUUID();

    private final List<String> done = new ArrayList<>();

    /** Records what it would do per schema instead of touching a database; "broken" fails. */
    private AccountDataCleanup cleanup(String... schemas) {
        AccountDataCleanup cleanup = new AccountDataCleanup() {
            @Override
            List<AccountDataSchema> schemas() {
                return List.of(schemas).stream().map(AccountDataCleanupTest::schema).toList();
            }

            @Override
            public int forget(AccountDataSchema module, UUID accountId) {
                fail(module);
                done.add("forget " + module.schema() + " " + (accountId.equals(ACCOUNT) ? "account" : accountId));
                return 1;
            }

            @Override
            public int sweep(AccountDataSchema module) {
                done.add("sweep " + module.schema());
                return 0;
            }

            private void fail(AccountDataSchema module) {
                if (module.schema().equals("broken")) {
                    throw new IllegalStateException("the database of " + module.schema() + " is down");
                }
            }
        };
        cleanup.self = cleanup;
        return cleanup;
    }

    private static AccountDataSchema schema(String name) {
        return new AccountDataSchema() {
            @Override
            public String schema() {
                return name;
            }

            @Override
            public EntityManager entityManager() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void aDeletionMakesEachModuleForgetTheAccountThenSweep() {
        cleanup("templates", "wechat").deleted(ACCOUNT);
        assertThat(done).containsExactly("forget templates account", "sweep templates", "forget wechat account", "sweep wechat");
    }

    @Test
    void oneModuleFailingDoesNotKeepTheOthersRows() {
        cleanup("audiences", "broken", "wechat").deleted(ACCOUNT);
        assertThat(done).containsExactly("forget audiences account", "sweep audiences", "forget wechat account", "sweep wechat");
    }

    @Test
    void atStartUpEveryModuleSweeps() {
        cleanup("audiences", "templates").sweepAll();
        assertThat(done).containsExactly("sweep audiences", "sweep templates");
    }
}
