package app.fanmail.audiences.api;

/**
 * A per-member value a send plan measures over an audience: the fan's remark, its tag names (joined with "、", by
 * name), its openid, or the value of an uploaded list's {@code column}; {@code longerThan}: count the values longer
 * than this many characters.
 */
public record ValueProbe(Source source, String column, int longerThan) {
    public enum Source { REMARK, TAG_NAMES, OPENID, COLUMN }
}
