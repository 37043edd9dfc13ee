package app.fanmail.audiences.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.FanListOrder;
import app.fanmail.kernel.graphql.UserErrorsException;
import org.junit.jupiter.api.Test;

class FanRemarkServiceTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final Map<String, String> stored = new HashMap<>(Map.of("oA", ""));
    private final List<String> sentToWeChat = new ArrayList<>();
    private FanRemarkGateway.RemarkRefused refusal;
    private final FanRemarkService service = new FanRemarkService();

    FanRemarkServiceTest() {
        FanListing listing = new FanListing() {
            @Override
            public FanPage page(UUID a, FanFilter f, Collection<String> w, FanListOrder o, PageKey after, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long count(UUID a, FanFilter f, Collection<String> w) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<FanRecord> find(UUID a, String openid) {
                return Optional.ofNullable(stored.get(openid)).map(r -> new FanRecord(openid, r, true, null, null, null, List.of(), null, null));
            }

            @Override
            public Map<Integer, String> tagNames(UUID a, Collection<Integer> ids) {
                return Map.of();
            }

            @Override
            public boolean setRemark(UUID a, String openid, String remark, Instant at) {
                assertThat(at).isEqualTo(NOW);
                return stored.replace(openid, remark) != null;
            }
        };
        FanService reads = new FanService();
        reads.fans = listing;
        reads.windows = new FanWindowSource() {
            @Override
            public Map<String, List<OpenWindow>> openOf(UUID a, Collection<String> openids) {
                return Map.of();
            }

            @Override
            public Set<String> allOpen(UUID a) {
                return Set.of();
            }

            @Override
            public Rules rules() {
                return new Rules(5, Duration.ofHours(48), 3, Duration.ofMinutes(1));
            }
        };
        service.fans = listing;
        service.reads = reads;
        service.self = service;
        service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service.wechat = new FanRemarkGateway() {
            @Override
            public int remarkMaxBytes() {
                return 30;
            }

            @Override
            public void updateRemark(UUID a, String openid, String remark) {
                if (refusal != null) {
                    throw refusal;
                }
                sentToWeChat.add(openid + "=" + remark);
            }
        };
    }

    @Test
    void weChatFirstThenFanmailStrippedOfBlanks() {
        assertThat(service.update(ACCOUNT, " oA ", "  老客户  ").fan().remark()).isEqualTo("老客户");
        assertThat(sentToWeChat).containsExactly("oA=老客户");
        assertThat(stored).containsEntry("oA", "老客户");
    }

    @Test
    void aRemarkOverThirtyBytesIsRefusedWithoutCallingWeChat() {
        assertThatThrownBy(() -> service.update(ACCOUNT, "oA", "一二三四五六七八九十一")).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).code()).isEqualTo("REMARK_TOO_LONG"))
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).message())
                        .isEqualTo("A remark is at most 30 bytes in UTF-8 (ten Chinese characters); this one has 33."));
        assertThat(sentToWeChat).isEmpty();
        assertThat(stored).containsEntry("oA", "");
    }

    @Test
    void anUnknownFanIsRefusedWithoutCallingWeChat() {
        assertThatThrownBy(() -> service.update(ACCOUNT, "oZ", "x")).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).code()).isEqualTo("FAN_NOT_FOUND"));
        assertThat(sentToWeChat).isEmpty();
    }

    @Test
    void weChatsRefusalIsAUserErrorAndNothingIsStored() {
        refusal = new FanRemarkGateway.RemarkRefused("WECHAT_ERROR", "WeChat did not take the remark (45009 quota).", null);
        assertThatThrownBy(() -> service.update(ACCOUNT, "oA", "x")).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).code()).isEqualTo("WECHAT_ERROR"));
        assertThat(stored).containsEntry("oA", "");
    }
}
