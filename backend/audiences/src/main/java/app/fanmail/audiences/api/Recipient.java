package app.fanmail.audiences.api;

import java.util.List;
import java.util.Map;

/**
 * One reachable member of a snapshot: its position ({@code seq}, increasing), the fan's remark and tag names as they
 * were when the snapshot was taken (tag names as now), and for an upload the line's values by column name (empty
 * otherwise).
 */
public record Recipient(long seq, String openid, String remark, List<String> tagNames, Map<String, String> csvRow) {
}
