package app.fanmail.dispatch.application;

import java.util.UUID;

import app.fanmail.dispatch.api.TemplateContent;

/** A SENDING job as the engine works it: whose, how many recipients in flight at most per node, what it sends. */
public record ActiveJob(UUID id, UUID accountId, int batchSize, TemplateContent content) {
}
