package app.fanmail.templates.api;

import java.util.Optional;
import java.util.UUID;

/**
 * What other modules (dispatch) use of templates: a template with its saved preset, ready to fill
 * for many fans without another database read or WeChat call per fan.
 */
public interface TemplateMessages {
    /**
     * The template as last synced from WeChat, with its preset (an empty preset when none was
     * saved); empty when there is no such template (deleted, or its account was deleted).
     */
    Optional<SendableTemplate> sendable(UUID templateId);

    /**
     * WeChat's verdict on one message's values exactly as given (no preset involved): values refused for their type, a
     * visible typed field without a value refused too, long untyped values cut on the phone. Empty when there is no
     * such template. (Dispatch checks the values its own field sources render.)
     */
    Optional<FilledValues> check(UUID templateId, java.util.Map<String, String> values);
}
