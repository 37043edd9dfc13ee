package app.fanmail.dispatch.api;

import java.time.Instant;

/** One state change of a job: who ({@code system} for the engine), when, from and to, and why. */
public record JobEvent(Instant at, String actor, JobState from, JobState to, String reason) {
}
