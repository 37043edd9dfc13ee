package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.graphql.UserError;

class ChangeLimitsTest {
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** An instant given as China wall-clock time. */
    private static Instant china(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    private static ChangeLimits at(Instant now) {
        return new ChangeLimits(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void industryWithoutHistoryMayChange() {
        ChangeAllowance a = at(china("2026-02-10T12:00")).check(SetupModel.INDUSTRY, List.of());
        assertThat(a.allowed()).isTrue();
        assertThat(a.used()).isZero();
        assertThat(a.limit()).isEqualTo(1);
        assertThat(a.remaining()).isEqualTo(1);
        assertThat(a.month()).isEqualTo(YearMonth.of(2026, 2));
        assertThat(a.nextChangeAt()).isNull();
        assertThat(a.resetsAt()).isEqualTo(china("2026-03-01T00:00"));
        assertThat(a.refusal()).isEmpty();
    }

    @Test
    void industryChangedThisMonthWaitsForTheFirstOfNextMonthChinaTime() {
        ChangeAllowance a = at(china("2026-02-27T09:00")).check(SetupModel.INDUSTRY, List.of(china("2026-02-01T00:10")));
        assertThat(a.allowed()).isFalse();
        assertThat(a.used()).isEqualTo(1);
        assertThat(a.remaining()).isZero();
        assertThat(a.nextChangeAt()).isEqualTo(china("2026-03-01T00:00"));
        assertThat(a.nextChangeAt()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
    }

    @Test
    void lateJanuaryAndEarlyFebruaryChinaTimeAreDifferentMonths() {
        Instant jan = china("2026-01-31T23:30");
        Instant feb = china("2026-02-01T00:10");
        assertThat(Arrays.asList(jan, feb)).extracting(ChangeLimits::monthOf)
                .containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2));
        // the January change does not block the one 40 minutes later
        assertThat(at(feb).check(SetupModel.INDUSTRY, List.of(jan)).allowed()).isTrue();
        // but once February's change is made, the next one waits until March
        ChangeAllowance after = at(china("2026-02-01T00:20")).check(SetupModel.INDUSTRY, List.of(jan, feb));
        assertThat(after.allowed()).isFalse();
        assertThat(after.used()).isEqualTo(1);
        assertThat(after.nextChangeAt()).isEqualTo(china("2026-03-01T00:00"));
    }

    @Test
    void sixteenThirtyUtcOnJanuary31IsAlreadyFebruaryInChina() {
        Instant trap = Instant.parse("2026-01-31T16:30:00Z");
        assertThat(trap.atZone(ZoneOffset.UTC).getMonthValue()).isEqualTo(1);
        assertThat(ChangeLimits.monthOf(trap)).isEqualTo(YearMonth.of(2026, 2));
        // a change at that instant uses February's allowance
        ChangeAllowance mid = at(china("2026-02-15T10:00")).check(SetupModel.INDUSTRY, List.of(trap));
        assertThat(mid.allowed()).isFalse();
        assertThat(mid.nextChangeAt()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        // and "now" at that instant is February too: a change on January 31 (UTC and China) does not count
        ChangeAllowance now = at(trap).check(SetupModel.INDUSTRY, List.of(Instant.parse("2026-01-31T10:00:00Z")));
        assertThat(now.allowed()).isTrue();
        assertThat(now.month()).isEqualTo(YearMonth.of(2026, 2));
    }

    @Test
    void monthBoundaryIsMidnightChinaTimeToTheSecond() {
        Instant lastOfJanuary = Instant.parse("2026-01-31T15:59:59Z");
        Instant firstOfFebruary = Instant.parse("2026-01-31T16:00:00Z");
        assertThat(ChangeLimits.monthOf(lastOfJanuary)).isEqualTo(YearMonth.of(2026, 1));
        assertThat(ChangeLimits.monthOf(firstOfFebruary)).isEqualTo(YearMonth.of(2026, 2));
        assertThat(ChangeLimits.startOfNextMonth(lastOfJanuary)).isEqualTo(firstOfFebruary);
        assertThat(at(firstOfFebruary).check(SetupModel.INDUSTRY, List.of(lastOfJanuary)).allowed()).isTrue();
        assertThat(at(lastOfJanuary).check(SetupModel.INDUSTRY, List.of(china("2026-01-01T00:00"))).allowed()).isFalse();
    }

    @Test
    void decemberRollsOverToJanuaryOfNextYear() {
        ChangeAllowance a = at(china("2026-12-31T23:59")).check(SetupModel.INDUSTRY, List.of(china("2026-12-01T08:00")));
        assertThat(a.nextChangeAt()).isEqualTo(china("2027-01-01T00:00"));
        assertThat(a.resetsAt()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
    }

    @Test
    void februaryOfALeapYear() {
        assertThat(ChangeLimits.startOfNextMonth(china("2028-02-29T23:59"))).isEqualTo(china("2028-03-01T00:00"));
    }

    @Test
    void categoriesAllowFiveChangesAMonth() {
        Instant now = china("2026-03-20T12:00");
        List<Instant> four = List.of(china("2026-03-01T00:00"), china("2026-03-02T10:00"), china("2026-03-02T10:01"),
                china("2026-03-19T23:59"));
        ChangeAllowance fifth = at(now).check(SetupModel.CATEGORY, four);
        assertThat(fifth.allowed()).isTrue();
        assertThat(fifth.limit()).isEqualTo(5);
        assertThat(fifth.used()).isEqualTo(4);
        assertThat(fifth.remaining()).isEqualTo(1);

        List<Instant> five = new java.util.ArrayList<>(four);
        five.add(china("2026-03-20T11:00"));
        ChangeAllowance sixth = at(now).check(SetupModel.CATEGORY, five);
        assertThat(sixth.allowed()).isFalse();
        assertThat(sixth.remaining()).isZero();
        assertThat(sixth.nextChangeAt()).isEqualTo(china("2026-04-01T00:00"));
    }

    @Test
    void onlyTheCurrentChinaMonthCounts() {
        Instant now = china("2026-03-20T12:00");
        List<Instant> history = List.of(
                china("2026-02-28T23:59"), china("2025-03-10T10:00"), // earlier months, same month of another year
                china("2026-04-01T00:00"), // a later month (clock skew): ignored
                china("2026-03-05T10:00"));
        ChangeAllowance a = at(now).check(SetupModel.CATEGORY, history);
        assertThat(a.used()).isEqualTo(1);
        assertThat(at(now).check(SetupModel.INDUSTRY, history).allowed()).isFalse();
    }

    @Test
    void moreChangesThanAllowedIsNotNegativeRemaining() {
        Instant now = china("2026-03-20T12:00");
        ChangeAllowance a = at(now).check(SetupModel.INDUSTRY, List.of(china("2026-03-01T00:00"), china("2026-03-02T00:00")));
        assertThat(a.used()).isEqualTo(2);
        assertThat(a.remaining()).isZero();
    }

    @Test
    void nullHistoryAndNullEntriesAreIgnored() {
        ChangeLimits limits = at(china("2026-03-20T12:00"));
        assertThat(limits.check(SetupModel.INDUSTRY, null).allowed()).isTrue();
        assertThat(limits.check(SetupModel.INDUSTRY, Arrays.asList(null, null)).used()).isZero();
    }

    @Test
    void refusalIsAUserErrorNamingTheNextChange() {
        ChangeAllowance industry = at(china("2026-02-27T09:00")).check(SetupModel.INDUSTRY, List.of(china("2026-02-01T00:10")));
        assertThat(industry.refusal()).get().satisfies(e -> {
            assertThat(e.code()).isEqualTo("INDUSTRY_CHANGE_LIMIT_REACHED");
            assertThat(e.field()).isNull();
            assertThat(e.message()).contains("1 change(s) of industries").contains("2026-02").contains("2026-02-28T16:00:00Z");
        });
        List<Instant> five = List.of(china("2026-02-01T00:10"), china("2026-02-01T00:11"), china("2026-02-01T00:12"),
                china("2026-02-01T00:13"), china("2026-02-01T00:14"));
        assertThat(at(china("2026-02-27T09:00")).check(SetupModel.CATEGORY, five).refusal())
                .get().extracting(UserError::code).isEqualTo("CATEGORY_CHANGE_LIMIT_REACHED");
    }

    @Test
    void limitsAreConfigurable() {
        ChangeLimits limits = new ChangeLimits(Clock.fixed(china("2026-02-27T09:00"), CST), 2, 10);
        assertThat(limits.limit(SetupModel.INDUSTRY)).isEqualTo(2);
        assertThat(limits.limit(SetupModel.CATEGORY)).isEqualTo(10);
        assertThat(limits.check(SetupModel.INDUSTRY, List.of(china("2026-02-01T00:10"))).allowed()).isTrue();
        assertThatThrownBy(() -> new ChangeLimits(Clock.systemUTC(), 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangeLimits(Clock.systemUTC(), 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClocksZoneDoesNotMatter() {
        Instant now = Instant.parse("2026-01-31T16:30:00Z");
        List<Instant> history = List.of(Instant.parse("2026-01-31T16:10:00Z"));
        for (ZoneOffset zone : List.of(ZoneOffset.UTC, CST, ZoneOffset.ofHours(-10))) {
            ChangeAllowance a = new ChangeLimits(Clock.fixed(now, zone)).check(SetupModel.INDUSTRY, history);
            assertThat(a.allowed()).as(zone.getId()).isFalse();
            assertThat(a.month()).as(zone.getId()).isEqualTo(YearMonth.of(2026, 2));
        }
    }

    @Test
    void defaultsAreWeChatsDocumentedLimits() {
        assertThat(SetupModel.INDUSTRY.defaultChangesPerMonth()).isEqualTo(1);
        assertThat(SetupModel.CATEGORY.defaultChangesPerMonth()).isEqualTo(5);
        assertThat(ChangeLimits.CHINA_TIME.getId()).isEqualTo("Asia/Shanghai");
    }
}
