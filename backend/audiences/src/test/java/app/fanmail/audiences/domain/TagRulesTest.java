package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.domain.TagRules.Reason;

class TagRulesTest {
    /** WeChat's limits as the wechat module states them today (the adapter hands over WeChatLimits' values). */
    private static final TagRules WECHAT = new TagRules(30, 100, 3, 100_000, 20);
    /** Other values, to show the rules follow the values they are given. */
    private static final TagRules SMALL = new TagRules(6, 5, 1, 10, 2);

    @Test
    void namesAreThirtyBytesOfUtf8NotBlankAndUnique() {
        assertThat(WECHAT.nameProblem("a".repeat(30), List.of())).isEmpty();
        assertThat(WECHAT.nameProblem("a".repeat(31), List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_TOO_LONG");
        assertThat(WECHAT.nameProblem("a".repeat(31), List.of())).get().extracting(TagRules.Violation::message)
                .isEqualTo("The name has 31 bytes in UTF-8; WeChat takes at most 30 (10 Chinese characters).");
        // 10 Chinese characters are 30 bytes, 11 are 33
        assertThat(WECHAT.nameProblem("会员会员会员会员会员", List.of())).isEmpty();
        assertThat(WECHAT.nameProblem("会员会员会员会员会员会", List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_TOO_LONG");
        assertThat(WECHAT.nameProblem("  ", List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_REQUIRED");
        assertThat(WECHAT.nameProblem(null, List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_REQUIRED");
        assertThat(WECHAT.nameProblem(" VIP ", List.of("VIP"))).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_TAKEN");
        assertThat(WECHAT.nameProblem("vip", List.of("VIP"))).isEmpty();
        assertThat(SMALL.nameProblem("会员", List.of())).isEmpty();
        assertThat(SMALL.nameProblem("会员会", List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_TOO_LONG");
    }

    @Test
    void hundredTagsPerAccount() {
        assertThat(WECHAT.createProblem(99)).isEmpty();
        assertThat(WECHAT.createProblem(100)).get().extracting(TagRules.Violation::message)
                .isEqualTo("An account can have at most 100 tags; delete one before creating another.");
        assertThat(SMALL.createProblem(4)).isEmpty();
        assertThat(SMALL.createProblem(5)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_LIMIT_REACHED");
    }

    @Test
    void reservedIdsCannotChangeAndBigTagsCannotBeDeleted() {
        for (int id : new int[] {0, 1, 2}) {
            assertThat(WECHAT.reserved(id)).isTrue();
            assertThat(WECHAT.changeProblem(id)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_RESERVED");
            assertThat(WECHAT.deleteProblem(id, 0)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_RESERVED");
        }
        assertThat(WECHAT.reserved(3)).isFalse();
        assertThat(WECHAT.changeProblem(3)).isEmpty();
        assertThat(WECHAT.changeProblem(100)).isEmpty();
        assertThat(WECHAT.deleteProblem(100, 100_000)).isEmpty();
        assertThat(WECHAT.deleteProblem(100, 100_001)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_TOO_MANY_FANS");
        assertThat(WECHAT.deleteProblem(100, 100_001)).get().extracting(TagRules.Violation::message)
                .isEqualTo("WeChat does not delete a tag with more than 100000 fans (this one has 100001); untag fans first.");
        assertThat(SMALL.changeProblem(1)).isEmpty();
        assertThat(SMALL.deleteProblem(1, 11)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_TOO_MANY_FANS");
    }

    @Test
    void aFanTakesATwentiethTagButNotATwentyFirst() {
        Set<Integer> nineteen = Set.of(101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119);
        assertThat(WECHAT.fanCanTake(nineteen, 200)).isTrue();
        Set<Integer> twenty = new java.util.HashSet<>(nineteen);
        twenty.add(120);
        assertThat(WECHAT.fanCanTake(twenty, 200)).isFalse();
        assertThat(WECHAT.fanCanTake(twenty, 120)).as("already has it").isTrue();
        assertThat(SMALL.fanCanTake(Set.of(101, 102), 103)).isFalse();
    }

    @Test
    void weChatsRefusalsBecomeTheSameUserErrors() {
        assertThat(WECHAT.refusal(Reason.TAG_LIMIT, 45056, "too many tags", -1, "x").code()).isEqualTo("TAG_LIMIT_REACHED");
        assertThat(WECHAT.refusal(Reason.TOO_MANY_FANS, 45057, "too many fans", 100, null).message())
                .isEqualTo("WeChat does not delete a tag with more than 100000 fans; untag fans first.");
        assertThat(WECHAT.refusal(Reason.RESERVED, 45058, "sys tag", 2, null).code()).isEqualTo("TAG_RESERVED");
        TagRules.Violation tooLong = WECHAT.refusal(Reason.NAME_TOO_LONG, 45158, "too long", -1, "x");
        assertThat(tooLong.code()).isEqualTo("TAG_NAME_TOO_LONG");
        assertThat(tooLong.message()).isEqualTo("WeChat refused the name as too long (45158): at most 30 bytes in UTF-8.");
        TagRules.Violation invalid = WECHAT.refusal(Reason.NAME_INVALID, 45157, "invalid", -1, "x");
        assertThat(invalid.code()).isEqualTo("TAG_NAME_INVALID");
        assertThat(invalid.message()).isEqualTo("WeChat refused the name 'x' (45157): it is invalid or another tag has it.");
        TagRules.Violation unknown = WECHAT.refusal(Reason.TAG_UNKNOWN, 45159, "invalid tag id", 7, null);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(unknown.message()).isEqualTo("WeChat has no tag 7 (45159); refresh the tags.");
        TagRules.Violation other = WECHAT.refusal(Reason.OTHER, 48001, "api unauthorized", -1, null);
        assertThat(other.code()).isEqualTo("WECHAT_REFUSED");
        assertThat(other.message()).isEqualTo("WeChat answered 48001: api unauthorized");
        assertThat(WECHAT.refusal(Reason.FAN_TAG_LIMIT, 45059, "user tag count reach limit", 7, null).code()).isEqualTo("WECHAT_REFUSED");
    }

    @Test
    void perOpenidFailureCodes() {
        assertThat(TagRules.failureCode(40003)).isEqualTo("INVALID_OPENID");
        assertThat(TagRules.failureCode(45059)).isEqualTo("FAN_TAG_LIMIT");
        assertThat(TagRules.failureCode(46004)).isEqualTo("UNKNOWN_FAN");
        assertThat(TagRules.failureCode(-1)).isEqualTo("WECHAT_REFUSED");
    }
}
