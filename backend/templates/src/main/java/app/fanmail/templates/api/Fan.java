package app.fanmail.templates.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the sender knows about one recipient when a preset fills a template.
 *
 * @param openid   the fan's openid
 * @param remark   the account's remark for the fan, or null
 * @param tagNames the names of the fan's tags that apply, in display order
 * @param csvRow   the fan's row of an uploaded CSV, header → cell; empty when there is none
 */
public record Fan(String openid, String remark, List<String> tagNames, Map<String, String> csvRow) {
    public Fan {
        Objects.requireNonNull(openid, "openid");
        tagNames = tagNames == null ? List.of() : List.copyOf(tagNames);
        csvRow = csvRow == null ? Map.of() : Map.copyOf(csvRow);
    }

    public static Fan of(String openid) {
        return new Fan(openid, null, List.of(), Map.of());
    }
}
