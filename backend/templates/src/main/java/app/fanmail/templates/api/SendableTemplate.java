package app.fanmail.templates.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A template ready to be sent: where it lives in WeChat, its fields, its link, and how its preset
 * fills the data of one fan.
 *
 * @param id               Fanmail's id of the template
 * @param accountId        the account that holds it
 * @param weChatTemplateId WeChat's template_id to send with
 * @param title            the title, for display
 * @param fieldKeys        every placeholder key of the content, in order (legacy first/remark included)
 * @param unmappedKeys     visible fields the preset leaves open: the sender must supply them
 * @param csvColumns       the CSV columns the preset reads, each once, in order
 * @param presetVersion    the version of the preset used (0: none saved), to record with a send
 * @param link             where tapping the message leads
 * @param filler           the preset, as a function of the fan
 */
public record SendableTemplate(UUID id, UUID accountId, String weChatTemplateId, String title, List<String> fieldKeys,
                               List<String> unmappedKeys, List<String> csvColumns, long presetVersion, Link link, Filler filler) {

    public SendableTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filler, "filler");
        fieldKeys = List.copyOf(fieldKeys);
        unmappedKeys = List.copyOf(unmappedKeys);
        csvColumns = List.copyOf(csvColumns);
    }

    /**
     * The values the preset gives this fan, by field key in mapping order (fields without a value are absent), checked
     * by WeChat's rules: typed values that break their type are {@linkplain FilledValues#refused() refused} (never
     * cut), long {@code keywordN} values are {@linkplain FilledValues#cutOnPhone() cut on the phone}.
     */
    public FilledValues valuesFor(Fan fan) {
        return filler.fill(fan, Map.of(), false);
    }

    /**
     * The whole message for this fan: the preset's values, and {@code given} for the fields the preset leaves open
     * ({@link #unmappedKeys()}); every visible field is checked, so a typed field left without a value is refused.
     */
    public FilledValues valuesFor(Fan fan, Map<String, String> given) {
        return filler.fill(fan, given == null ? Map.of() : given, true);
    }

    /** How a preset fills fields and checks them; implemented by the templates module. */
    @FunctionalInterface
    public interface Filler {
        /**
         * The preset's values for the fan, completed by {@code given} for the fields the preset leaves open; with
         * {@code wholeMessage}, a visible typed field without a value is refused too.
         */
        FilledValues fill(Fan fan, Map<String, String> given, boolean wholeMessage);
    }

    /**
     * Where the message leads: a web page, a mini program page (with the url as WeChat's fallback),
     * or nowhere (all null).
     */
    public record Link(String url, String miniProgramAppId, String miniProgramPagePath) {
    }
}
