package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountRegistration.NewAccount;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.ExclusionReason;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.audiences.application.StoredUpload;
import app.fanmail.audiences.application.UploadService;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.testing.TestServer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;

/**
 * The snapshot API dispatch uses (issue 11), inside the server: a selector resolved into a frozen snapshot whose members do
 * not change when fans do, streamed in chunks in seq order with remark, tag names and (for uploads) the CSV row, and
 * deleted on demand or by age.
 */
@ExtendWith(ArquillianExtension.class)
class AudienceSnapshotsIT {
    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        WebArchive war = TestServer.fanmailWar().addClasses(AudienceSnapshotsIT.class);
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        return war;
    }

    @Inject
    Audiences audiences;
    @Inject
    UploadService uploads;
    @Inject
    AccountRegistration registration;
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource ds;

    static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }

    private UUID account() {
        return registration.register(new NewAccount("Snapshots " + hex(4), "gh_" + hex(12), "wx" + hex(16), hex(32), "Tok" + hex(6),
                null, AccountType.SERVICE, true, EncryptionMode.PLAIN, ApiTarget.SANDBOX, null)).id();
    }

    /** n fans o&lt;prefix&gt;00001…: every 10th unfollowed, every 3rd tagged 7 ("VIP"), every 5th tagged 8 ("新客"). */
    private void seed(UUID accountId, String prefix, int from, int to) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed,"
                + " remark, tag_ids, created_at, updated_at) select ?, ? || lpad(g::text, 8, '0'), g % 10 <> 0, 'remark ' || g,"
                + " array_remove(array[case when g % 3 = 0 then 7 end, case when g % 5 = 0 then 8 end], null), now(), now()"
                + " from generate_series(?, ?) g")) {
            s.setObject(1, accountId);
            s.setString(2, prefix);
            s.setInt(3, from);
            s.setInt(4, to);
            s.executeUpdate();
        }
    }

    private void tags(UUID accountId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into audiences.tag (account_id, tag_id, name, synced_at)"
                + " values (?, 7, 'VIP', now()), (?, 8, '新客', now())")) {
            s.setObject(1, accountId);
            s.setObject(2, accountId);
            s.executeUpdate();
        }
    }

    private void sql(String statement, UUID accountId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, accountId);
            s.executeUpdate();
        }
    }

    private List<Recipient> readAll(UUID snapshotId, int chunk) {
        List<Recipient> all = new ArrayList<>();
        long after = 0;
        int chunks = 0;
        while (true) {
            RecipientChunk c = audiences.read(snapshotId, after, chunk);
            assertThat(c.recipients().size()).isLessThanOrEqualTo(chunk);
            all.addAll(c.recipients());
            after = c.lastSeq();
            chunks++;
            if (!c.more()) {
                return all;
            }
            assertThat(chunks).isLessThan(10_000);
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aSnapshotIsFrozenAndStreamsInChunks() throws Exception {
        UUID accountId = account();
        String prefix = "oSnap" + hex(10) + "_";
        seed(accountId, prefix, 1, 2500);
        tags(accountId);

        AudienceSnapshot all = audiences.snapshot(accountId, new AudienceSelector.All(), Purpose.TEMPLATE);
        assertThat(all.count().total()).isEqualTo(2500);
        assertThat(all.count().reachable()).isEqualTo(2250);
        assertThat(all.count().excluded(ExclusionReason.UNSUBSCRIBED)).isEqualTo(250);
        assertThat(audiences.count(accountId, new AudienceSelector.All(), Purpose.TEMPLATE)).isEqualTo(all.count());

        // later changes: new fans, unfollows, a remark change; the snapshot keeps who and what it had
        seed(accountId, prefix, 2501, 2600);
        sql("update audiences.fan set subscribed = false, remark = 'changed' where account_id = ? and openid like '%00000001'", accountId);

        List<Recipient> recipients = readAll(all.id(), 1000);
        assertThat(recipients).hasSize(2250);
        assertThat(recipients).extracting(Recipient::seq).isSorted().doesNotHaveDuplicates();
        assertThat(recipients).extracting(Recipient::openid).isSorted().allMatch(o -> o.compareTo(prefix + "00002500") <= 0)
                .noneMatch(o -> o.endsWith("0"));
        Recipient first = recipients.get(0);
        assertThat(first.openid()).isEqualTo(prefix + "00000001");
        assertThat(first.remark()).isEqualTo("remark 1");
        assertThat(first.csvRow()).isEmpty();
        Recipient fifteen = recipients.stream().filter(r -> r.openid().equals(prefix + "00000015")).findFirst().orElseThrow();
        assertThat(fifteen.tagNames()).containsExactlyInAnyOrder("VIP", "新客");
        assertThat(audiences.findSnapshot(all.id()).orElseThrow().count()).isEqualTo(all.count());
        assertThat(audiences.count(accountId, new AudienceSelector.All(), Purpose.TEMPLATE).total()).isEqualTo(2600);

        // tags ALL, and customer service with no window open: nobody is reachable
        AudienceSnapshot vipNew = audiences.snapshot(accountId, new AudienceSelector.Tags(List.of(7, 8), AudienceSelector.TagMatch.ALL),
                Purpose.TEMPLATE);
        assertThat(vipNew.count().total()).isEqualTo(2600 / 15);
        assertThat(readAll(vipNew.id(), 7)).hasSize((int) vipNew.count().reachable())
                .allMatch(r -> r.tagNames().containsAll(List.of("VIP", "新客")));
        AudienceSnapshot cs = audiences.snapshot(accountId, new AudienceSelector.All(), Purpose.CUSTOMER_SERVICE);
        assertThat(cs.count().reachable()).isZero();
        assertThat(cs.count().excluded(ExclusionReason.WINDOW_CLOSED)).isEqualTo(cs.count().total() - cs.count().excluded(ExclusionReason.UNSUBSCRIBED));
        assertThat(audiences.read(cs.id(), 0, 100).recipients()).isEmpty();

        assertThat(audiences.deleteSnapshot(vipNew.id())).isTrue();
        assertThat(audiences.findSnapshot(vipNew.id())).isEmpty();
        assertThat(audiences.read(vipNew.id(), 0, 10).recipients()).isEmpty();
        assertThat(audiences.deleteSnapshot(vipNew.id())).isFalse();
        assertThat(audiences.deleteSnapshotsBefore(all.createdAt().plusSeconds(3600))).isGreaterThanOrEqualTo(2);
        assertThat(audiences.findSnapshot(all.id())).isEmpty();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void anUploadSnapshotCarriesEachLinesColumns() throws Exception {
        UUID accountId = account();
        String prefix = "oUp" + hex(12) + "_";
        seed(accountId, prefix, 1, 20);
        String csv = "姓名,openid,券码\n"
                + "张三," + prefix + "00000002,A-2\n"
                + "李四," + prefix + "00000010,A-10\n"           // unfollowed
                + "王五," + prefix + "00000002,A-dup\n"          // duplicate
                + "赵六,oNobodyHere0000000000000000,A-x\n"       // unknown
                + "bad line,nope,A\n"                           // invalid: not counted
                + "\"钱, 七\"," + prefix + "00000003,\"A,3\"\n";
        StoredUpload upload = uploads.ingest(accountId, "coupons", true, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        AudienceSnapshot s = audiences.snapshot(accountId, new AudienceSelector.Upload(upload.id()), Purpose.TEMPLATE);
        assertThat(s.columns()).containsExactly("姓名", "openid", "券码");
        assertThat(s.count().total()).isEqualTo(5);
        assertThat(s.count().reachable()).isEqualTo(2);
        assertThat(s.count().excluded()).containsEntry(ExclusionReason.DUPLICATE, 1L).containsEntry(ExclusionReason.UNKNOWN_OPENID, 1L)
                .containsEntry(ExclusionReason.UNSUBSCRIBED, 1L);

        uploads.delete(upload.id());
        List<Recipient> r = readAll(s.id(), 1);
        assertThat(r).extracting(Recipient::openid).containsExactly(prefix + "00000002", prefix + "00000003");
        assertThat(r.get(0).csvRow()).containsExactly(Map.entry("姓名", "张三"), Map.entry("openid", prefix + "00000002"), Map.entry("券码", "A-2"));
        assertThat(r.get(1).csvRow()).containsEntry("姓名", "钱, 七").containsEntry("券码", "A,3");
        assertThat(r.get(1).remark()).isEqualTo("remark 3");
        assertThat(r).extracting(Recipient::seq).containsExactly(2L, 7L);

        // selectors that name nothing usable
        assertThatThrownBy(() -> audiences.count(accountId, new AudienceSelector.Upload(upload.id()), Purpose.TEMPLATE))
                .isInstanceOf(UserErrorsException.class).hasMessageContaining("NOT_FOUND");
        assertThatThrownBy(() -> audiences.count(accountId, new AudienceSelector.Segment(UUID.randomUUID()), Purpose.TEMPLATE))
                .isInstanceOf(UserErrorsException.class).hasMessageContaining("NOT_FOUND");
        assertThatThrownBy(() -> audiences.count(UUID.randomUUID(), new AudienceSelector.All(), Purpose.TEMPLATE))
                .isInstanceOf(UserErrorsException.class).hasMessageContaining("NOT_FOUND");
    }
}
