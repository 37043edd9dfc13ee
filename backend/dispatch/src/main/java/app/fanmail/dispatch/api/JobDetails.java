package app.fanmail.dispatch.api;

import java.util.UUID;

/**
 * What a job sends and to whom, as stored: the content, a readable description of its audience, the plan stored when it
 * was created (null for jobs created before plans were stored and for follow-up jobs), and for a follow-up job its origin
 * and why it was made (RETRY_FAILED or RESEND_IN_DOUBT).
 */
public record JobDetails(UUID jobId, TemplateContent content, String audience, DispatchPlan plan, UUID followUpOf, String followUpKind) {
}
