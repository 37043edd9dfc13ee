package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.FanFilter.TagMatch;
import app.fanmail.audiences.domain.FanFilter.WindowState;
import org.junit.jupiter.api.Test;

class FanFilterSqlTest {
    private static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

    private static FanFilter filter(String search, List<Integer> tags, TagMatch match, Boolean subscribed, Instant after, Instant before,
                                    WindowState window) {
        return new FanFilter(search, tags, match, subscribed, after, before, window);
    }

    @Test
    void noConditionIsTheAccountAlone() {
        FanFilterSql sql = FanFilterSql.of(ACCOUNT, FanFilter.all(), null, 1);
        assertThat(sql.where()).isEqualTo("f.account_id = ?1");
        assertThat(sql.params()).containsExactly(ACCOUNT);
        assertThat(sql.nextPosition(1)).isEqualTo(2);
    }

    @Test
    void positionsStartWhereTheCallerSays() {
        FanFilterSql sql = FanFilterSql.of(ACCOUNT, filter(null, null, null, true, null, null, null), null, 4);
        assertThat(sql.where()).isEqualTo("f.account_id = ?4 and f.subscribed = ?5");
        assertThat(sql.nextPosition(4)).isEqualTo(6);
    }

    @Test
    void searchIsAnOpenidPrefixOrTextInTheRemarkWithWildcardsEscaped() {
        FanFilterSql sql = FanFilterSql.of(ACCOUNT, filter("  50%_off\\x ", null, null, null, null, null, null), null, 1);
        assertThat(sql.where()).isEqualTo("f.account_id = ?1 and (f.openid like ?2 or (f.remark <> '' and f.remark ilike ?3))");
        assertThat(sql.params()).containsExactly(ACCOUNT, "50\\%\\_off\\\\x%", "%50\\%\\_off\\\\x%");
    }

    @Test
    void blankSearchIsNoCondition() {
        assertThat(FanFilterSql.of(ACCOUNT, filter("   ", null, null, null, null, null, null), null, 1).where()).isEqualTo("f.account_id = ?1");
    }

    @Test
    void tagsMatchAnyAllOrNone() {
        FanFilterSql any = FanFilterSql.of(ACCOUNT, filter(null, List.of(2, 100, 2), TagMatch.ANY, null, null, null, null), null, 1);
        assertThat(any.where()).isEqualTo("f.account_id = ?1 and f.tag_ids <> '{}' and f.tag_ids && cast(?2 as integer[])");
        assertThat((Integer[]) any.params().get(1)).containsExactly(2, 100);
        assertThat(FanFilterSql.of(ACCOUNT, filter(null, List.of(2), TagMatch.ALL, null, null, null, null), null, 1).where())
                .isEqualTo("f.account_id = ?1 and f.tag_ids <> '{}' and f.tag_ids @> cast(?2 as integer[])");
        assertThat(FanFilterSql.of(ACCOUNT, filter(null, List.of(2), TagMatch.NONE, null, null, null, null), null, 1).where())
                .isEqualTo("f.account_id = ?1 and not (f.tag_ids && cast(?2 as integer[]))");
        assertThat(FanFilterSql.of(ACCOUNT, filter(null, List.of(2), null, null, null, null, null), null, 1).where())
                .as("ANY by default").isEqualTo("f.account_id = ?1 and f.tag_ids <> '{}' and f.tag_ids && cast(?2 as integer[])");
        assertThat(FanFilterSql.of(ACCOUNT, filter(null, List.of(), TagMatch.NONE, null, null, null, null), null, 1).where())
                .as("no tags, no condition").isEqualTo("f.account_id = ?1");
    }

    @Test
    void subscribedOrNot() {
        FanFilterSql no = FanFilterSql.of(ACCOUNT, filter(null, null, null, false, null, null, null), null, 1);
        assertThat(no.where()).isEqualTo("f.account_id = ?1 and f.subscribed = ?2");
        assertThat(no.params()).containsExactly(ACCOUNT, false);
    }

    @Test
    void interactedAfter() {
        FanFilterSql sql = FanFilterSql.of(ACCOUNT, filter(null, null, null, null, T1, null, null), null, 1);
        assertThat(sql.where()).isEqualTo("f.account_id = ?1 and f.last_interaction_at >= cast(?2 as timestamptz)");
        assertThat(sql.params()).containsExactly(ACCOUNT, T1);
    }

    @Test
    void interactedBeforeAloneIncludesFansWhoNeverInteracted() {
        FanFilterSql sql = FanFilterSql.of(ACCOUNT, filter(null, null, null, null, null, T2, null), null, 1);
        assertThat(sql.where()).isEqualTo("f.account_id = ?1 and (f.last_interaction_at is null or f.last_interaction_at < cast(?2 as timestamptz))");
        assertThat(sql.params()).containsExactly(ACCOUNT, T2);
    }

    @Test
    void aPeriodExcludesFansWhoNeverInteracted() {
        FanFilterSql sql = FanFilterSql.of(ACCOUNT, filter(null, null, null, null, T1, T2, null), null, 1);
        assertThat(sql.where()).isEqualTo("f.account_id = ?1 and f.last_interaction_at >= cast(?2 as timestamptz) "
                + "and (f.last_interaction_at < cast(?3 as timestamptz))");
        assertThat(sql.params()).containsExactly(ACCOUNT, T1, T2);
    }

    @Test
    void windowOpenOrClosedFromTheOpenWindows() {
        FanFilterSql open = FanFilterSql.of(ACCOUNT, filter(null, null, null, null, null, null, WindowState.OPEN), List.of("oA", "oB"), 1);
        assertThat(open.where()).isEqualTo("f.account_id = ?1 and f.openid = any(cast(?2 as text[]))");
        assertThat((String[]) open.params().get(1)).containsExactly("oA", "oB");
        FanFilterSql closed = FanFilterSql.of(ACCOUNT, filter(null, null, null, null, null, null, WindowState.CLOSED), List.of(), 1);
        assertThat(closed.where()).isEqualTo("f.account_id = ?1 and not (f.openid = any(cast(?2 as text[])))");
        assertThat((String[]) closed.params().get(1)).isEmpty();
    }

    @Test
    void theWindowStateNeedsTheOpenWindowsAndOtherFiltersIgnoreThem() {
        assertThatThrownBy(() -> FanFilterSql.of(ACCOUNT, filter(null, null, null, null, null, null, WindowState.OPEN), null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FanFilterSql.of(ACCOUNT, FanFilter.all(), List.of("oA"), 1).params()).containsExactly(ACCOUNT);
    }

    @Test
    void everyConditionTogetherInOrderWithBalancedParenthesesAndOneParameterPerPlaceholder() {
        FanFilterSql sql = FanFilterSql.of(ACCOUNT, filter("vip", List.of(1, 2), TagMatch.ALL, true, T1, T2, WindowState.CLOSED),
                List.of("oA"), 3);
        assertThat(sql.where()).isEqualTo("f.account_id = ?3 and (f.openid like ?4 or (f.remark <> '' and f.remark ilike ?5)) and f.tag_ids <> '{}' and f.tag_ids @> cast(?6 as integer[]) "
                + "and f.subscribed = ?7 and f.last_interaction_at >= cast(?8 as timestamptz) and (f.last_interaction_at < cast(?9 as timestamptz)) "
                + "and not (f.openid = any(cast(?10 as text[])))");
        assertThat(sql.params()).hasSize(8);
        assertThat(sql.nextPosition(3)).isEqualTo(11);
        String w = sql.where();
        assertThat(w.chars().filter(c -> c == '(').count()).isEqualTo(w.chars().filter(c -> c == ')').count());
    }
}
