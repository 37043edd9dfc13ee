package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TagRulesTest {
    @Test
    void namesAreThirtyBytesOfUtf8NotBlankAndUnique() {
        assertThat(TagRules.nameProblem("a".repeat(30), List.of())).isEmpty();
        assertThat(TagRules.nameProblem("a".repeat(31), List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_TOO_LONG");
        // 10 Chinese characters are 30 bytes, 11 are 33
        assertThat(TagRules.nameProblem("会员会员会员会员会员", List.of())).isEmpty();
        assertThat(TagRules.nameProblem("会员会员会员会员会员会", List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_TOO_LONG");
        assertThat(TagRules.nameProblem("  ", List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_REQUIRED");
        assertThat(TagRules.nameProblem(null, List.of())).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_REQUIRED");
        assertThat(TagRules.nameProblem(" VIP ", List.of("VIP"))).get().extracting(TagRules.Violation::code).isEqualTo("TAG_NAME_TAKEN");
        assertThat(TagRules.nameProblem("vip", List.of("VIP"))).isEmpty();
    }

    @Test
    void hundredTagsPerAccount() {
        assertThat(TagRules.createProblem(99)).isEmpty();
        assertThat(TagRules.createProblem(100)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_LIMIT_REACHED");
    }

    @Test
    void reservedIdsCannotChangeAndBigTagsCannotBeDeleted() {
        for (int id : new int[] {0, 1, 2}) {
            assertThat(TagRules.changeProblem(id)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_RESERVED");
            assertThat(TagRules.deleteProblem(id, 0)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_RESERVED");
        }
        assertThat(TagRules.changeProblem(3)).isEmpty();
        assertThat(TagRules.changeProblem(100)).isEmpty();
        assertThat(TagRules.deleteProblem(100, 100_000)).isEmpty();
        assertThat(TagRules.deleteProblem(100, 100_001)).get().extracting(TagRules.Violation::code).isEqualTo("TAG_TOO_MANY_FANS");
    }

    @Test
    void aFanTakesATwentiethTagButNotATwentyFirst() {
        Set<Integer> nineteen = Set.of(101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119);
        assertThat(TagRules.fanCanTake(nineteen, 200)).isTrue();
        Set<Integer> twenty = new java.util.HashSet<>(nineteen);
        twenty.add(120);
        assertThat(TagRules.fanCanTake(twenty, 200)).isFalse();
        assertThat(TagRules.fanCanTake(twenty, 120)).as("already has it").isTrue();
    }

    @Test
    void weChatsRefusalsBecomeTheSameUserErrors() {
        assertThat(TagRules.refusal(45056, "too many tags", -1, "x").code()).isEqualTo("TAG_LIMIT_REACHED");
        assertThat(TagRules.refusal(45057, "too many fans", 100, null).code()).isEqualTo("TAG_TOO_MANY_FANS");
        assertThat(TagRules.refusal(45058, "sys tag", 2, null).code()).isEqualTo("TAG_RESERVED");
        assertThat(TagRules.refusal(45158, "too long", -1, "x").code()).isEqualTo("TAG_NAME_TOO_LONG");
        assertThat(TagRules.refusal(45157, "invalid", -1, "x").code()).isEqualTo("TAG_NAME_INVALID");
        assertThat(TagRules.refusal(45159, "invalid tag id", 7, null).code()).isEqualTo("NOT_FOUND");
        TagRules.Violation other = TagRules.refusal(48001, "api unauthorized", -1, null);
        assertThat(other.code()).isEqualTo("WECHAT_REFUSED");
        assertThat(other.message()).contains("48001", "api unauthorized");
    }

    @Test
    void perOpenidFailureCodes() {
        assertThat(TagRules.failureCode(40003)).isEqualTo("INVALID_OPENID");
        assertThat(TagRules.failureCode(45059)).isEqualTo("FAN_TAG_LIMIT");
        assertThat(TagRules.failureCode(46004)).isEqualTo("UNKNOWN_FAN");
        assertThat(TagRules.failureCode(-1)).isEqualTo("WECHAT_REFUSED");
    }
}
