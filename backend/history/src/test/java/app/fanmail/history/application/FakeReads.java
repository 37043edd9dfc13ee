package app.fanmail.history.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchReads;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;

/** A DispatchReads for unit tests: each test overrides what it uses; the rest fails loudly. */
class FakeReads implements DispatchReads {
    final List<String> calls = new ArrayList<>();

    @Override
    public List<ListedJob> jobs(JobQuery query, JobKey after, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<DispatchRecipient> recipients(UUID jobId, RecipientQuery query, long afterSeq, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SentToFan> sentToFan(UUID accountId, String openid, SentKey after, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<UUID, Map<RecipientState, Long>> counts(Collection<UUID> jobIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Purged purgeEndedBefore(Instant cutoff, UUID accountId, int maxJobs, long maxRecipients) {
        throw new UnsupportedOperationException();
    }
}
