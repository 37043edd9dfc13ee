package app.fanmail.dispatch.api;

import java.util.UUID;

import app.fanmail.audiences.api.AudienceSelector;

/** A template send to create: which account, what, and for whom. */
public record NewTemplateJob(UUID accountId, TemplateContent content, AudienceSelector audience) {
}
