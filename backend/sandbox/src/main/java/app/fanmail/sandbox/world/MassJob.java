package app.fanmail.sandbox.world;

import java.util.BitSet;

/** One accepted mass send (sendall or send). Mutated under the account lock. */
final class MassJob {

    final long msgId;
    final Long msgDataId;
    final String api;
    final String msgtype;
    final String clientMsgId;
    final boolean explicitClientMsgId;
    final String summary;
    final int articleCount;
    final long createdAtMillis;
    final int totalCount;
    /** fans that passed the filters (subscribed, not refusing, under the monthly cap) */
    final BitSet audience;
    final BitSet errors = new BitSet();
    boolean done;
    /** send_ignore_reprint=1: go on when judged a reprint that may be sent */
    boolean ignoreReprint;
    /** the originality check's CheckState (1 until an mpnews job finishes) */
    int checkState = 1;
    /** a verbatim err(…) status when the job was stopped (nobody received it) */
    String failStatus;
    boolean deleted;
    long finishedAtMillis;
    int sentCount;
    int errorCount;
    final java.util.Set<Integer> deletedArticles = new java.util.TreeSet<>();

    MassJob(long msgId, Long msgDataId, String api, String msgtype, String clientMsgId, boolean explicitClientMsgId,
            String summary, int articleCount, long createdAtMillis, int totalCount, BitSet audience) {
        this.msgId = msgId;
        this.msgDataId = msgDataId;
        this.api = api;
        this.msgtype = msgtype;
        this.clientMsgId = clientMsgId;
        this.explicitClientMsgId = explicitClientMsgId;
        this.summary = summary;
        this.articleCount = articleCount;
        this.createdAtMillis = createdAtMillis;
        this.totalCount = totalCount;
        this.audience = audience;
    }

    int filterCount() {
        return audience.cardinality();
    }

    boolean finished() {
        return done;
    }

    /** mass/get's msg_status */
    String msgStatus() {
        if (deleted) {
            return "DELETE";
        }
        if (!done) {
            return "SENDING";
        }
        return sentCount == 0 && filterCount() > 0 ? "SEND_FAIL" : "SEND_SUCCESS";
    }

    /** fans that received it */
    boolean delivered(int fan) {
        return finished() && audience.get(fan) && !errors.get(fan);
    }
}
