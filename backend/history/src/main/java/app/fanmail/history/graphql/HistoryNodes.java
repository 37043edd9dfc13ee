package app.fanmail.history.graphql;

import java.util.Map;

import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.DispatchReads.SentToFan;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.history.graphql.HistoryTypes.FanSentMessage;
import app.fanmail.history.graphql.HistoryTypes.HistoryCounts;
import app.fanmail.history.graphql.HistoryTypes.HistoryJob;
import app.fanmail.history.graphql.HistoryTypes.HistoryJobKind;
import app.fanmail.history.graphql.HistoryTypes.HistoryJobState;
import app.fanmail.history.graphql.HistoryTypes.HistoryRecipient;
import app.fanmail.history.graphql.HistoryTypes.HistoryRecipientState;

/**
 * The one place where dispatch's api values become history's GraphQL nodes. Unifying with the dispatch GraphQL types
 * (DispatchJob, DispatchRecipient, DispatchCounts) means changing these functions' result types and nothing else.
 */
final class HistoryNodes {
    private HistoryNodes() {
    }

    static HistoryJob job(ListedJob listed) {
        DispatchJob j = listed.job();
        return new HistoryJob(j.id().toString(), j.accountId().toString(), HistoryJobKind.valueOf(j.kind().name()),
                HistoryJobState.valueOf(j.state().name()), listed.title(), j.total(), j.pausedUntil(), j.pauseReason(), j.failure(), j.createdBy(),
                j.createdAt(), j.startedAt(), j.finishedAt());
    }

    static HistoryRecipient recipient(DispatchRecipient r) {
        return new HistoryRecipient(Math.toIntExact(r.seq()), r.openid(), state(r.state()), r.attempts(), r.sentAt(), r.msgid(), r.errcode(), r.errmsg(),
                r.reportStatus(), r.reportedAt(), r.skipReason());
    }

    static FanSentMessage sent(SentToFan s) {
        DispatchRecipient r = s.recipient();
        return new FanSentMessage(s.jobId().toString(), HistoryJobKind.valueOf(s.kind().name()), s.title(), state(r.state()), r.sentAt(),
                r.reportStatus(), r.reportedAt(), r.errcode(), r.errmsg(), s.jobCreatedAt(), Math.toIntExact(r.seq()), r.msgid(), r.skipReason());
    }

    static HistoryCounts counts(Map<RecipientState, Long> c) {
        int queued = n(c, RecipientState.QUEUED);
        int sending = n(c, RecipientState.SENDING);
        int total = 0;
        for (Long v : c.values()) {
            total += Math.toIntExact(v);
        }
        return new HistoryCounts(queued, sending, n(c, RecipientState.SENT), n(c, RecipientState.DELIVERED), n(c, RecipientState.USER_BLOCKED),
                n(c, RecipientState.SYSTEM_FAILED), n(c, RecipientState.FAILED), n(c, RecipientState.SKIPPED), n(c, RecipientState.IN_DOUBT),
                total - queued - sending, total);
    }

    static HistoryRecipientState state(RecipientState s) {
        return HistoryRecipientState.valueOf(s.name());
    }

    private static int n(Map<RecipientState, Long> c, RecipientState s) {
        return Math.toIntExact(c.getOrDefault(s, 0L));
    }
}
