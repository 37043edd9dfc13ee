package app.fanmail.audiences.application;

import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.api.TestFan;

/** Where test fans are kept ({@code audiences.test_fan}), read with their fan row. */
public interface TestFanRepository {
    /** Serialises changes to the account's test fans until the transaction ends. */
    void lock(UUID accountId);

    /** The account's test fans, oldest first, with the fan's remark, tag names and subscription now. */
    List<TestFan> list(UUID accountId);

    int count(UUID accountId);

    /** Whether the account has a fan with this openid that is subscribed. */
    boolean isSubscribedFan(UUID accountId, String openid);

    /** False when the openid is already a test fan of the account. */
    boolean insert(UUID accountId, String openid, String label, java.time.Instant at, String by);

    boolean delete(UUID accountId, String openid);
}
