package app.fanmail.audiences.application;

import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.domain.TagBatchSplitter;
import app.fanmail.audiences.domain.TagRules;

/**
 * The port to WeChat's tag API, in this module's terms. Implemented in {@code infrastructure} over the wechat module,
 * which states WeChat's limits ({@link #rules()}) and reads its errcodes ({@link Refused#reason()}); failures are
 * {@link Refused}. Never called inside a database transaction.
 */
public interface TagGateway {
    /** A tag as WeChat lists it, with WeChat's member count. */
    record RemoteTag(int id, String name, long count) {
    }

    /** WeChat (or the wechat module's own check of WeChat's rules) refused the call. */
    class Refused extends RuntimeException {
        private final TagBatchSplitter.FailureKind kind;
        private final TagRules.Reason reason;
        private final int errcode;
        private final String errmsg;

        public Refused(TagBatchSplitter.FailureKind kind, TagRules.Reason reason, int errcode, String errmsg, Throwable cause) {
            super("WeChat " + errcode + ": " + errmsg, cause);
            this.kind = kind;
            this.reason = reason;
            this.errcode = errcode;
            this.errmsg = errmsg;
        }

        /** For bulk tagging: about one fan (split the batch), worth retrying later, or fatal for the job. */
        public TagBatchSplitter.FailureKind kind() {
            return kind;
        }

        /** Which of WeChat's tag rules refused the call (OTHER for anything else). */
        public TagRules.Reason reason() {
            return reason;
        }

        /** WeChat's errcode, for people and the bulk jobs' reports. */
        public int errcode() {
            return errcode;
        }

        public String errmsg() {
            return errmsg;
        }

        public TagBatchSplitter.Failure failure() {
            return new TagBatchSplitter.Failure(kind, errcode, errmsg);
        }
    }

    /** WeChat's tag limits, as the wechat module states them. */
    TagRules rules();

    List<RemoteTag> tags(UUID accountId);

    RemoteTag create(UUID accountId, String name);

    void rename(UUID accountId, int tagId, String name);

    void delete(UUID accountId, int tagId);

    /** Tags (or untags) 1 to 50 fans in one call. */
    void tag(UUID accountId, int tagId, List<String> openids, boolean untag);
}
