package app.fanmail.audiences.domain;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * WeChat's tag rules, checked by Fanmail before calling WeChat, and WeChat's own tag errcodes as user errors. Sources:
 * WeChat's user-tag doc and the errcode tables (shared notes, wechat-api.md "Tag limits"); the sandbox enforces the same:
 * <ul>
 * <li>a name is 1 to 30 bytes in UTF-8 (45158 beyond; 10 Chinese characters), not blank and not another tag's name
 * (WeChat answers 45157 for both an invalid and a duplicate name);</li>
 * <li>an account has at most 100 tags of its own (45056); ids 0, 1 and 2 are WeChat's and cannot be changed or
 * deleted (45058); a tag with more than 100,000 fans cannot be deleted (45057); an unknown tag id is 45159;</li>
 * <li>a fan carries at most 20 tags (45059); tagging takes 1 to 50 openids per call (40032); 40003 is an invalid
 * openid.</li>
 * </ul>
 */
public final class TagRules {
    public static final int NAME_MAX_BYTES = 30;
    public static final int TAGS_PER_ACCOUNT = 100;
    public static final int RESERVED_BELOW = 3;
    public static final int DELETABLE_MAX_FANS = 100_000;
    public static final int TAGS_PER_FAN = 20;
    public static final int BATCH = 50;

    public static final int ERR_TOO_MANY_TAGS = 45056;
    public static final int ERR_TOO_MANY_FANS = 45057;
    public static final int ERR_RESERVED = 45058;
    public static final int ERR_FAN_TAG_LIMIT = 45059;
    public static final int ERR_NAME_INVALID = 45157;
    public static final int ERR_NAME_TOO_LONG = 45158;
    public static final int ERR_TAG_UNKNOWN = 45159;
    public static final int ERR_INVALID_OPENID = 40003;
    public static final int ERR_NOT_FOLLOWER = 43004;
    public static final int ERR_NO_SUCH_USER = 46004;

    /** A rule broken: a stable user error code, the input field and an English message. */
    public record Violation(String code, String field, String message) {
    }

    private TagRules() {
    }

    public static boolean reserved(int tagId) {
        return tagId >= 0 && tagId < RESERVED_BELOW;
    }

    /** The name as it will be sent (stripped), or the rule it breaks among the account's other tag names. */
    public static Optional<Violation> nameProblem(String name, Collection<String> otherNames) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return Optional.of(new Violation("TAG_NAME_REQUIRED", "name", "A tag needs a name."));
        }
        int bytes = n.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > NAME_MAX_BYTES) {
            return Optional.of(new Violation("TAG_NAME_TOO_LONG", "name", "The name has " + bytes + " bytes in UTF-8; WeChat takes at most "
                    + NAME_MAX_BYTES + " (10 Chinese characters)."));
        }
        if (otherNames.contains(n)) {
            return Optional.of(nameTaken(n));
        }
        return Optional.empty();
    }

    public static Violation nameTaken(String name) {
        return new Violation("TAG_NAME_TAKEN", "name", "Another tag is already called '" + name + "'.");
    }

    /** Creating one more tag when the account has {@code ownTags} tags of its own (ids 3 and up). */
    public static Optional<Violation> createProblem(int ownTags) {
        return ownTags >= TAGS_PER_ACCOUNT ? Optional.of(limitReached()) : Optional.empty();
    }

    public static Violation limitReached() {
        return new Violation("TAG_LIMIT_REACHED", null, "An account can have at most " + TAGS_PER_ACCOUNT
                + " tags; delete one before creating another.");
    }

    /** Renaming or deleting a tag. */
    public static Optional<Violation> changeProblem(int tagId) {
        return reserved(tagId) ? Optional.of(reservedTag(tagId)) : Optional.empty();
    }

    public static Violation reservedTag(int tagId) {
        return new Violation("TAG_RESERVED", "tagId", "Tag " + tagId + " is WeChat's own; it cannot be changed or deleted.");
    }

    /** Deleting a tag WeChat last counted {@code fans} members of. */
    public static Optional<Violation> deleteProblem(int tagId, long fans) {
        Optional<Violation> reserved = changeProblem(tagId);
        if (reserved.isPresent()) {
            return reserved;
        }
        return fans > DELETABLE_MAX_FANS ? Optional.of(tooManyFans(fans)) : Optional.empty();
    }

    public static Violation tooManyFans(long fans) {
        return new Violation("TAG_TOO_MANY_FANS", "tagId", "WeChat does not delete a tag with more than " + DELETABLE_MAX_FANS
                + " fans" + (fans > DELETABLE_MAX_FANS ? " (this one has " + fans + ")" : "") + "; untag fans first.");
    }

    /** Whether a fan with these tags can be given {@code tagId} (it has it already, or has fewer than 20). */
    public static boolean fanCanTake(Collection<Integer> fanTags, int tagId) {
        return fanTags.contains(tagId) || fanTags.size() < TAGS_PER_FAN;
    }

    /**
     * WeChat's refusal of a tag create/rename/delete as a user error; {@code name} is the name sent (null for deletes).
     * Errcodes other than the tag rules' are WECHAT_REFUSED with WeChat's message.
     */
    public static Violation refusal(int errcode, String errmsg, int tagId, String name) {
        return switch (errcode) {
            case ERR_TOO_MANY_TAGS -> limitReached();
            case ERR_TOO_MANY_FANS -> tooManyFans(-1);
            case ERR_RESERVED -> reservedTag(tagId);
            case ERR_NAME_TOO_LONG -> new Violation("TAG_NAME_TOO_LONG", "name", "WeChat refused the name as too long (45158): at most "
                    + NAME_MAX_BYTES + " bytes in UTF-8.");
            case ERR_NAME_INVALID -> new Violation("TAG_NAME_INVALID", "name", "WeChat refused the name '" + name
                    + "' (45157): it is invalid or another tag has it.");
            case ERR_TAG_UNKNOWN -> new Violation("NOT_FOUND", "tagId", "WeChat has no tag " + tagId + " (45159); refresh the tags.");
            default -> new Violation("WECHAT_REFUSED", null, "WeChat answered " + errcode + ": " + errmsg);
        };
    }

    /** The failure code of one openid in a bulk job's report, from WeChat's errcode. */
    public static String failureCode(int errcode) {
        return switch (errcode) {
            case ERR_INVALID_OPENID -> "INVALID_OPENID";
            case ERR_NO_SUCH_USER, ERR_NOT_FOLLOWER -> "UNKNOWN_FAN";
            case ERR_FAN_TAG_LIMIT -> "FAN_TAG_LIMIT";
            case ERR_TAG_UNKNOWN -> "TAG_UNKNOWN";
            default -> "WECHAT_REFUSED";
        };
    }
}
