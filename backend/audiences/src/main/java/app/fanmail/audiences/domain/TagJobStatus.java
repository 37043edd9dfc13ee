package app.fanmail.audiences.domain;

/** A bulk tag job's state: RUNNING until every chunk is done; FAILED when WeChat refused the job itself (e.g. the tag is gone). */
public enum TagJobStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this != RUNNING;
    }
}
