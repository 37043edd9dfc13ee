package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.app.it.DispatchFixture.Acc;
import app.fanmail.kernel.time.OffsetClock;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.api.Materials;
import app.fanmail.materials.api.MaterialsException;
import app.fanmail.materials.api.TemporaryMedia;
import app.fanmail.materials.application.MaterialLibrary;
import app.fanmail.materials.application.StoredMaterial;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Temporary media for the sending flows (issue 13), inside the server on the test clock: uploaded from Fanmail's copy
 * when first needed, reused while valid long enough, uploaded again as their 3 days end (the sandbox forgets them
 * then too); BMP images go up as PNG (temporary media take no BMP); a material without a copy is refused clearly.
 */
@ExtendWith(ArquillianExtension.class)
class TemporaryMediaIT {
    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return DispatchFixture.sandboxWar();
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        return DispatchFixture.fanmailWar(TemporaryMediaIT.class, MaterialFiles.class);
    }

    @Inject
    AccountRegistration registration;
    @Inject
    Materials materials;
    @Inject
    MaterialLibrary library;
    @Inject
    Clock clock;
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource ds;

    @Test
    @OperateOnDeployment("fanmail")
    void aTemporaryMediaIsReusedWhileValidAndUploadedAgainAsItsThreeDaysEnd() throws Exception {
        DispatchFixture fx = DispatchFixture.inServer(registration, null, null, ds);
        Acc acc = fx.account("Materials", false);
        StoredMaterial voice = library.upload(new MaterialLibrary.UploadRequest(acc.id(), MaterialKind.VOICE, "greeting", null, null,
                MaterialFiles.amr(3_000)), "it-operator");
        OffsetClock testClock = (OffsetClock) clock;
        try {
            TemporaryMedia first = materials.temporaryMedia(acc.id(), voice.id(), Duration.ofHours(1));
            assertThat(first.mediaId()).isNotBlank().isNotEqualTo(voice.mediaId());
            assertThat(Duration.between(first.uploadedAt(), first.expiresAt())).isEqualTo(Duration.ofDays(3));
            assertThat(first.uploadedAt()).isBetween(clock.instant().minusSeconds(60), clock.instant().plusSeconds(60));
            assertThat(materials.temporaryMedia(acc.id(), voice.id(), Duration.ofHours(1)).mediaId()).as("reused").isEqualTo(first.mediaId());
            assertThat(library.find(voice.id()).orElseThrow().temporary().mediaId()).isEqualTo(first.mediaId());

            // 2 days 23.5 hours later: valid for half an hour more, not the hour asked for
            Instant later = first.uploadedAt().plus(Duration.ofDays(3)).minus(Duration.ofMinutes(30));
            fx.control.post("/_sandbox/clock", Json.createObjectBuilder().add("set", later.toString()).build());
            testClock.set(later);
            assertThat(materials.temporaryMedia(acc.id(), voice.id(), Duration.ofMinutes(10)).mediaId()).isEqualTo(first.mediaId());
            TemporaryMedia second = materials.temporaryMedia(acc.id(), voice.id(), Duration.ofHours(1));
            assertThat(second.mediaId()).isNotEqualTo(first.mediaId());
            assertThat(second.expiresAt()).isAfter(first.expiresAt());
            assertThat(library.find(voice.id()).orElseThrow().temporary().expiresAt()).isEqualTo(second.expiresAt());

            // a BMP image goes up as PNG: WeChat's temporary media take no BMP (the sandbox refuses it with 40005)
            StoredMaterial bmp = library.upload(new MaterialLibrary.UploadRequest(acc.id(), MaterialKind.IMAGE, "legacy.bmp", null, null,
                    MaterialFiles.image("bmp", 30, 20)), "it-operator");
            assertThat(materials.temporaryMedia(acc.id(), bmp.id(), Duration.ofHours(1)).mediaId()).isNotBlank();

            // a synced video Fanmail only has a link to
            UUID video = UUID.randomUUID();
            try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into materials.material (id, account_id, kind, "
                    + "media_id, name, origin, preview, video_link, created_at) values (?, ?, 'VIDEO', 'synced-video', 'launch', 'SYNCED', "
                    + "'UNAVAILABLE', 'http://mpvideo.qpic.cn/x.mp4', now())")) {
                s.setObject(1, video);
                s.setObject(2, acc.id());
                s.executeUpdate();
            }
            assertThatThrownBy(() -> materials.temporaryMedia(acc.id(), video, Duration.ofHours(1)))
                    .isInstanceOfSatisfying(MaterialsException.class, e -> assertThat(e.code()).isEqualTo("NO_COPY"));
            // another account's material is not found
            assertThatThrownBy(() -> materials.temporaryMedia(UUID.randomUUID(), voice.id(), Duration.ofHours(1)))
                    .isInstanceOfSatisfying(MaterialsException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
            assertThat(materials.material(acc.id(), voice.id()).orElseThrow().durationMillis()).isEqualTo(3_000L);
        } finally {
            fx.control.resetClock();
            testClock.setOffset(Duration.ZERO);
        }
    }
}
