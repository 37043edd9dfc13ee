package app.fanmail.audiences.application;

/** A bulk tag job moved (a chunk was written, it finished, failed or was cancelled); fired after the change committed. */
public record TagJobProgressed(TagJobView job) {
}
