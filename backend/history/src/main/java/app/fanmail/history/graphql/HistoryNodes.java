package app.fanmail.history.graphql;

import app.fanmail.dispatch.api.DispatchReads.SentToFan;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJobKind;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchRecipientState;
import app.fanmail.history.graphql.HistoryTypes.FanSentMessage;

/** Where dispatch's api values become history's own GraphQL nodes (jobs and recipients are dispatch's GraphQL types). */
final class HistoryNodes {
    private HistoryNodes() {
    }

    static FanSentMessage sent(SentToFan s) {
        DispatchRecipient r = s.recipient();
        return new FanSentMessage(s.jobId().toString(), DispatchJobKind.valueOf(s.kind().name()), s.title(), state(r.state()), r.sentAt(),
                r.reportStatus(), r.reportedAt(), r.errcode(), r.errmsg(), s.jobCreatedAt(), Math.toIntExact(r.seq()), r.msgid(), r.skipReason());
    }

    static DispatchRecipientState state(RecipientState s) {
        return DispatchRecipientState.valueOf(s.name());
    }
}
