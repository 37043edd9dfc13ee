package app.fanmail.audiences.api;

import java.util.List;

/** A chunk of a snapshot's recipients in seq order; read the next one after {@code lastSeq} while {@code more}. */
public record RecipientChunk(List<Recipient> recipients, long lastSeq, boolean more) {
}
