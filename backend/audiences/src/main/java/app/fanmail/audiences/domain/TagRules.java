package app.fanmail.audiences.domain;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * WeChat's tag rules as Fanmail checks them on its own copy of the tags before calling WeChat, and WeChat's refusals
 * as user errors. The limits are values the wechat module states (its {@code WeChatLimits}, handed over by the
 * {@code TagGateway} adapter); WeChat's errcodes are read there too and arrive here as a {@link Reason}:
 * <ul>
 * <li>a name is 1 to {@link #nameMaxBytes()} bytes in UTF-8, not blank and not another tag's name (WeChat refuses an
 * invalid and a duplicate name alike);</li>
 * <li>an account has at most {@link #tagsPerAccount()} tags of its own; ids below {@link #reservedIdsBelow()} are
 * WeChat's and cannot be changed or deleted; a tag with more than {@link #deletableMaxFans()} fans cannot be
 * deleted;</li>
 * <li>a fan carries at most {@link #tagsPerFan()} tags.</li>
 * </ul>
 */
public record TagRules(int nameMaxBytes, int tagsPerAccount, int reservedIdsBelow, long deletableMaxFans, int tagsPerFan) {
    /** A rule broken: a stable user error code, the input field and an English message. */
    public record Violation(String code, String field, String message) {
    }

    /** Why WeChat refused a tag call, in this module's terms (the adapter reads WeChat's errcode). */
    public enum Reason {
        /** The account has the most tags WeChat allows. */
        TAG_LIMIT,
        /** The tag has too many fans to be deleted. */
        TOO_MANY_FANS,
        /** The tag is one of WeChat's own. */
        RESERVED,
        /** The name is too long. */
        NAME_TOO_LONG,
        /** The name is invalid, or another tag has it: WeChat does not tell which. */
        NAME_INVALID,
        /** WeChat has no such tag. */
        TAG_UNKNOWN,
        /** A fan carries the most tags WeChat allows. */
        FAN_TAG_LIMIT,
        /** Anything else: WeChat's errcode and message are shown. */
        OTHER
    }

    public boolean reserved(int tagId) {
        return tagId >= 0 && tagId < reservedIdsBelow;
    }

    /** The name as it will be sent (stripped), or the rule it breaks among the account's other tag names. */
    public Optional<Violation> nameProblem(String name, Collection<String> otherNames) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return Optional.of(new Violation("TAG_NAME_REQUIRED", "name", "A tag needs a name."));
        }
        int bytes = n.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > nameMaxBytes) {
            return Optional.of(new Violation("TAG_NAME_TOO_LONG", "name", "The name has " + bytes + " bytes in UTF-8; WeChat takes at most "
                    + nameMaxBytes + " (10 Chinese characters)."));
        }
        if (otherNames.contains(n)) {
            return Optional.of(nameTaken(n));
        }
        return Optional.empty();
    }

    public static Violation nameTaken(String name) {
        return new Violation("TAG_NAME_TAKEN", "name", "Another tag is already called '" + name + "'.");
    }

    /** Creating one more tag when the account has {@code ownTags} tags of its own (not reserved). */
    public Optional<Violation> createProblem(int ownTags) {
        return ownTags >= tagsPerAccount ? Optional.of(limitReached()) : Optional.empty();
    }

    public Violation limitReached() {
        return new Violation("TAG_LIMIT_REACHED", null, "An account can have at most " + tagsPerAccount
                + " tags; delete one before creating another.");
    }

    /** Renaming or deleting a tag. */
    public Optional<Violation> changeProblem(int tagId) {
        return reserved(tagId) ? Optional.of(reservedTag(tagId)) : Optional.empty();
    }

    public static Violation reservedTag(int tagId) {
        return new Violation("TAG_RESERVED", "tagId", "Tag " + tagId + " is WeChat's own; it cannot be changed or deleted.");
    }

    /** Deleting a tag WeChat last counted {@code fans} members of. */
    public Optional<Violation> deleteProblem(int tagId, long fans) {
        Optional<Violation> reserved = changeProblem(tagId);
        if (reserved.isPresent()) {
            return reserved;
        }
        return fans > deletableMaxFans ? Optional.of(tooManyFans(fans)) : Optional.empty();
    }

    public Violation tooManyFans(long fans) {
        return new Violation("TAG_TOO_MANY_FANS", "tagId", "WeChat does not delete a tag with more than " + deletableMaxFans
                + " fans" + (fans > deletableMaxFans ? " (this one has " + fans + ")" : "") + "; untag fans first.");
    }

    /** Whether a fan with these tags can be given {@code tagId} (it has it already, or has fewer than the limit). */
    public boolean fanCanTake(Collection<Integer> fanTags, int tagId) {
        return fanTags.contains(tagId) || fanTags.size() < tagsPerFan;
    }

    /**
     * WeChat's refusal of a tag create/rename/delete as a user error; {@code errcode} and {@code errmsg} are WeChat's
     * words, {@code name} is the name sent (null for deletes). Other reasons are WECHAT_REFUSED with WeChat's message.
     */
    public Violation refusal(Reason reason, int errcode, String errmsg, int tagId, String name) {
        return switch (reason) {
            case TAG_LIMIT -> limitReached();
            case TOO_MANY_FANS -> tooManyFans(-1);
            case RESERVED -> reservedTag(tagId);
            case NAME_TOO_LONG -> new Violation("TAG_NAME_TOO_LONG", "name", "WeChat refused the name as too long (" + errcode + "): at most "
                    + nameMaxBytes + " bytes in UTF-8.");
            case NAME_INVALID -> new Violation("TAG_NAME_INVALID", "name", "WeChat refused the name '" + name
                    + "' (" + errcode + "): it is invalid or another tag has it.");
            case TAG_UNKNOWN -> new Violation("NOT_FOUND", "tagId", "WeChat has no tag " + tagId + " (" + errcode + "); refresh the tags.");
            case FAN_TAG_LIMIT, OTHER -> new Violation("WECHAT_REFUSED", null, "WeChat answered " + errcode + ": " + errmsg);
        };
    }

    // --- Read directly by the bulk tag jobs (TagJobService, TagJobStore), whose code has not moved to the values above yet.

    /** openids per tagging call. */
    public static final int BATCH = 50;
    /** Tags one fan may carry. */
    public static final int TAGS_PER_FAN = 20;
    /** WeChat's errcode for a fan at {@link #TAGS_PER_FAN} tags. */
    public static final int ERR_FAN_TAG_LIMIT = 45059;
    private static final int ERR_INVALID_OPENID = 40003;
    private static final int ERR_NOT_FOLLOWER = 43004;
    private static final int ERR_NO_SUCH_USER = 46004;
    private static final int ERR_TAG_UNKNOWN = 45159;

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
