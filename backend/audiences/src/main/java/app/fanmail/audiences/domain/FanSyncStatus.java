package app.fanmail.audiences.domain;

/** Where a fan sync run stands. Only a RUNNING run is worked on; a FAILED full sync can be resumed from its cursor. */
public enum FanSyncStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED
}
