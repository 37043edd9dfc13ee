package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MemberCursorTest {
    @Test
    void storesTheTagAndWeChatsCursorAndReadsThemBack() {
        MemberCursor c = new MemberCursor(101, "oAbc:def");
        assertThat(c.stored()).isEqualTo("101:oAbc:def");
        assertThat(MemberCursor.parse(c.stored())).isEqualTo(c);
        assertThat(MemberCursor.parse("7:")).isEqualTo(new MemberCursor(7, ""));
    }

    @Test
    void refusesWhatItDidNotStore() {
        assertThatThrownBy(() -> MemberCursor.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemberCursor.parse(":x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemberCursor.parse("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNextTagIsTheSmallestAfterTheCurrentOne() {
        assertThat(MemberCursor.firstAfter(List.of(120, 2, 100), null)).isEqualTo(new MemberCursor(2, ""));
        assertThat(MemberCursor.firstAfter(List.of(120, 2, 100), 2)).isEqualTo(new MemberCursor(100, ""));
        assertThat(MemberCursor.firstAfter(List.of(120, 2, 100), 100)).isEqualTo(new MemberCursor(120, ""));
        assertThat(MemberCursor.firstAfter(List.of(120, 2, 100), 120)).isNull();
        assertThat(MemberCursor.firstAfter(List.of(), null)).isNull();
    }

    @Test
    void aFullSyncGoesThroughItsPhasesInOrder() {
        assertThat(FanSyncKind.FOLLOWERS.firstPhase()).isEqualTo(FanSyncPhase.TAGS);
        assertThat(FanSyncPhase.TAGS.next()).isEqualTo(FanSyncPhase.MEMBERS);
        assertThat(FanSyncPhase.MEMBERS.next()).isEqualTo(FanSyncPhase.FOLLOWERS);
        assertThat(FanSyncPhase.FOLLOWERS.next()).isEqualTo(FanSyncPhase.APPLY);
        assertThat(FanSyncPhase.APPLY.next()).isNull();
        assertThat(FanSyncKind.DETAILS.firstPhase()).isEqualTo(FanSyncPhase.DETAILS);
    }
}
