package app.fanmail.templates.application;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.TemplateLink;

/** A template's saved preset: its field mappings, its link and the version (1 after the first save). */
public record StoredPreset(UUID templateId, FieldPreset preset, TemplateLink link, long version, Instant updatedAt) {
}
