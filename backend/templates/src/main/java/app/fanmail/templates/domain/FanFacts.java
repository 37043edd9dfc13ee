package app.fanmail.templates.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Fanmail knows about one recipient when it fills a template from a {@link FieldPreset}.
 *
 * @param openid   the fan's openid
 * @param remark   the account's remark for the fan, or null
 * @param tagNames the names of the fan's tags that apply, in display order (the caller decides
 *                 which: all of them, or only the tag the audience was chosen by)
 * @param csvRow   the fan's row of an uploaded CSV, header → cell; empty when there is none
 */
public record FanFacts(String openid, String remark, List<String> tagNames, Map<String, String> csvRow) {

    public FanFacts {
        Objects.requireNonNull(openid, "openid");
        tagNames = tagNames == null ? List.of() : List.copyOf(tagNames);
        csvRow = csvRow == null ? Map.of() : Map.copyOf(csvRow);
    }

    public static FanFacts of(String openid) {
        return new FanFacts(openid, null, List.of(), Map.of());
    }
}
