package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;

/**
 * The account-deletion policy (ADR 0010): after an account was deleted, every module removes its
 * rows of that account in its own transaction, and sweeps rows of accounts that no longer exist
 * (left by a cleanup that was lost); rows of living accounts stay.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountDeletionIT {
    /** Every table that keeps rows per account, in the modules that exist today. */
    private static final List<String> ACCOUNT_TABLES = List.of("wechat.access_token", "wechat.callback_inbox", "wechat.service_window",
            "wechat.callback_nonce", "templates.template_setup", "templates.setup_change", "templates.template", "audiences.fan",
            "audiences.tag");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void deletingAnAccountRemovesItsRowsInEveryModuleAndSweepsOrphansButKeepsLivingAccounts() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        UUID deleted = UUID.fromString(Accounts.create(admin, Accounts.validInput()).getJsonObject("account").getString("id"));
        UUID living = UUID.fromString(Accounts.create(admin, Accounts.validInput()).getJsonObject("account").getString("id"));
        UUID orphan = UUID.randomUUID(); // an account deleted while its cleanup was lost
        for (UUID account : List.of(deleted, living, orphan)) {
            plantRows(account);
            assertThat(rows(account)).as("planted rows of " + account).isEqualTo(ACCOUNT_TABLES.size());
        }

        JsonObject result = admin.data(Accounts.DELETE, Map.of("i", Map.of("id", deleted.toString()))).getJsonObject("accountDelete");
        assertThat(result.getJsonArray("userErrors")).isEmpty();

        awaitNoRows(deleted);
        awaitNoRows(orphan);
        assertThat(rows(living)).as("rows of the account that still exists").isEqualTo(ACCOUNT_TABLES.size());
    }

    private static void awaitNoRows(UUID account) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long left = rows(account);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50); // between polls of the database, not a wait for time: the loop ends when the rows are gone
            left = rows(account);
        }
        assertThat(left).as("rows left for account " + account).isZero();
    }

    private static void plantRows(UUID account) throws Exception {
        try (Connection c = db()) {
            exec(c, "insert into wechat.access_token (account_id) values (?) on conflict do nothing", account);
            exec(c, "insert into wechat.callback_inbox (account_id, dedupe_key, msg_type, fields, raw_xml, processed_at) "
                    + "values (?, 'planted', 'text', '{}', null, now()) on conflict do nothing", account);
            exec(c, "insert into wechat.service_window (account_id, openid, kind, opened_at, expires_at, quota) "
                    + "values (?, 'o-planted', 'MESSAGE', now(), now() + interval '1 hour', 5) on conflict do nothing", account);
            exec(c, "insert into wechat.callback_nonce (account_id, nonce, ts) values (?, 'planted', extract(epoch from now())::bigint) on conflict do nothing", account);
            exec(c, "insert into templates.template_setup (account_id, updated_at) values (?, now()) on conflict do nothing", account);
            exec(c, "insert into templates.setup_change (account_id, model, changed_at) values (?, 'INDUSTRY', now()) on conflict do nothing", account);
            exec(c, "insert into templates.template (id, account_id, template_id, title, content, fields, synced_at) "
                    + "values (gen_random_uuid(), ?, 'planted', 'Planted', '{{keyword1.DATA}}', '[]', now()) on conflict do nothing", account);
            exec(c, "insert into audiences.fan (account_id, openid, created_at, updated_at) values (?, 'o-planted', now(), now()) on conflict do nothing", account);
            exec(c, "insert into audiences.tag (account_id, tag_id, name, synced_at) values (?, 100, 'Planted', now()) on conflict do nothing", account);
        }
    }

    /** How many of the account tables hold a row of the account. */
    private static long rows(UUID account) throws Exception {
        long tables = 0;
        try (Connection c = db()) {
            for (String table : ACCOUNT_TABLES) {
                try (PreparedStatement s = c.prepareStatement("select exists (select 1 from " + table + " where account_id = ?)")) {
                    s.setObject(1, account);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        tables += rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
        }
        return tables;
    }

    private static void exec(Connection c, String sql, UUID account) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, account);
            s.executeUpdate();
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
    }
}
