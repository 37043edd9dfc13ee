package app.fanmail.dispatch.application;

import java.util.UUID;

import app.fanmail.dispatch.api.TemplateContent;

/**
 * A SENDING job as the engine works it: whose, how many recipients in flight at most per node, what it sends, and the
 * audience snapshot its recipients' values are rendered from (a follow-up job shares its origin's).
 */
public record ActiveJob(UUID id, UUID accountId, int batchSize, TemplateContent content, UUID snapshotId) {
}
