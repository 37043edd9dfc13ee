package app.fanmail.audiences.application;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.audiences.api.TestFan;
import app.fanmail.audiences.domain.UploadLines;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * An account's test fans: at most {@link #MAX} per account, each a subscribed fan of the account Fanmail knows (WeChat
 * only delivers to followers) with a label of 1–{@link #MAX_LABEL} characters.
 */
@ApplicationScoped
public class TestFanService {
    public static final int MAX = 20;
    public static final int MAX_LABEL = 30;

    @Inject
    TestFanRepository store;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;

    public List<TestFan> list(UUID accountId) {
        return accountId == null ? List.of() : store.list(accountId);
    }

    @Transactional
    public TestFan add(UUID accountId, String openid, String label, String actor) {
        requireAccount(accountId);
        String o = openid == null ? "" : openid.strip();
        if (!UploadLines.openidShaped(o)) {
            throw new UserErrorsException("INVALID_OPENID", "openid", "Not an openid: expected 20 to 64 letters, digits, '-' or '_'.");
        }
        String l = checkedLabel(label);
        store.lock(accountId);
        if (!store.isSubscribedFan(accountId, o)) {
            throw new UserErrorsException("NOT_A_FOLLOWER", "openid",
                    "Fanmail knows no subscribed fan of the account with this openid: WeChat only delivers to followers.");
        }
        if (store.count(accountId) >= MAX) {
            throw new UserErrorsException("TEST_FAN_LIMIT", "openid", "An account has at most " + MAX + " test fans: remove one first.");
        }
        if (!store.insert(accountId, o, l, clock.instant().truncatedTo(ChronoUnit.MICROS), actor)) {
            throw new UserErrorsException("ALREADY_A_TEST_FAN", "openid", "This fan is already a test fan of the account.");
        }
        return store.list(accountId).stream().filter(t -> t.openid().equals(o)).findFirst().orElseThrow();
    }

    @Transactional
    public String remove(UUID accountId, String openid) {
        requireAccount(accountId);
        if (openid == null || !store.delete(accountId, openid.strip())) {
            throw new UserErrorsException("NOT_FOUND", "openid", "This openid is not a test fan of the account.");
        }
        return openid.strip();
    }

    static String checkedLabel(String label) {
        String l = label == null ? "" : label.strip();
        if (l.isEmpty()) {
            throw new UserErrorsException("LABEL_REQUIRED", "label", "Give the test fan a label, e.g. whose phone it is.");
        }
        if (l.codePointCount(0, l.length()) > MAX_LABEL) {
            throw new UserErrorsException("LABEL_TOO_LONG", "label", "A label has at most " + MAX_LABEL + " characters.");
        }
        return l;
    }

    private void requireAccount(UUID accountId) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
    }
}
