package app.fanmail.audiences.application;

import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.domain.TagBatchSplitter;

/**
 * The port to WeChat's tag API, in this module's terms. Implemented in {@code infrastructure} over the wechat module;
 * failures are {@link Refused}. Never called inside a database transaction.
 */
public interface TagGateway {
    /** A tag as WeChat lists it, with WeChat's member count. */
    record RemoteTag(int id, String name, long count) {
    }

    /** WeChat (or the wechat module's own check of WeChat's rules) refused the call. */
    class Refused extends RuntimeException {
        private final TagBatchSplitter.FailureKind kind;
        private final int errcode;
        private final String errmsg;

        public Refused(TagBatchSplitter.FailureKind kind, int errcode, String errmsg, Throwable cause) {
            super("WeChat " + errcode + ": " + errmsg, cause);
            this.kind = kind;
            this.errcode = errcode;
            this.errmsg = errmsg;
        }

        /** For bulk tagging: about one fan (split the batch), worth retrying later, or fatal for the job. */
        public TagBatchSplitter.FailureKind kind() {
            return kind;
        }

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

    List<RemoteTag> tags(UUID accountId);

    RemoteTag create(UUID accountId, String name);

    void rename(UUID accountId, int tagId, String name);

    void delete(UUID accountId, int tagId);

    /** Tags (or untags) 1 to 50 fans in one call. */
    void tag(UUID accountId, int tagId, List<String> openids, boolean untag);
}
