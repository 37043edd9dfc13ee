package app.fanmail.audiences.domain;

/**
 * A bulk tag job's state: PREPARING while the items of a filter or an upload are written (in the background), RUNNING
 * until every chunk is done; FAILED when WeChat refused the job itself (e.g. the tag is gone).
 */
public enum TagJobStatus {
    PREPARING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this != PREPARING && this != RUNNING;
    }
}
