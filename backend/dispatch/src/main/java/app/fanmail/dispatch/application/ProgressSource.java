package app.fanmail.dispatch.application;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads jobs' progress from stored state (so every node's work shows), each call one short query. */
public interface ProgressSource {
    /** The job's state and counts; empty when there is no such job. */
    Optional<ProgressReading> read(UUID jobId);

    /** The QUEUED, SENDING and PAUSED jobs of these accounts (of every account: null), with their counts. */
    List<ProgressReading> unfinished(Collection<UUID> accountIds);

    /** QUEUED recipients of all unfinished (QUEUED, SENDING, PAUSED) jobs. */
    long queued();
}
