package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Draft article limits, permanent covers, and the formats temporary uploads take. */
class DraftAndUploadRulesTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(5, null);
    private final String cover = sb.uploaded("cgi-bin/material/add_material", "image", "cover.jpg", null);

    private JsonObject addDraft(String title, String author, String digest, String content, String thumb) {
        var a = Json.createObjectBuilder().add("title", title).add("content", content).add("thumb_media_id", thumb);
        if (author != null) {
            a.add("author", author);
        }
        if (digest != null) {
            a.add("digest", digest);
        }
        return sb.call("cgi-bin/draft/add", Json.createObjectBuilder().add("articles", Json.createArrayBuilder().add(a))
                .build().toString());
    }

    @Test
    void articleFieldsHaveWeChatsLimits() {
        assertThat(errcode(addDraft("标".repeat(32), "作".repeat(16), "摘".repeat(128), "正".repeat(19_999), cover)))
                .isZero();
        JsonObject title = addDraft("标".repeat(33), null, null, "c", cover);
        assertThat(errcode(title)).isEqualTo(45003);
        assertThat(title.getString("errmsg")).startsWith("title size out of limit");
        assertThat(errcode(addDraft("t", "作".repeat(17), null, "c", cover))).isEqualTo(45110);
        assertThat(errcode(addDraft("t", null, "摘".repeat(129), "c", cover))).isEqualTo(45004);
        assertThat(errcode(addDraft("t", null, null, "正".repeat(20_000), cover))).isEqualTo(45002);
        // markup does not count against the 20,000 characters, but everything counts against the 1 MB
        String styled = "<b>正</b>";
        assertThat(errcode(addDraft("t", null, null, styled.repeat(19_999), cover))).isZero();
        String heavy = "<span style=\"" + "x".repeat(1_000) + "\">字</span>";
        assertThat(heavy.repeat(1_100).length()).isGreaterThan(1 << 20);
        assertThat(errcode(addDraft("t", null, null, heavy.repeat(1_100), cover))).isEqualTo(45002);
        assertThat(sb.call("cgi-bin/draft/count", "").getInt("total_count")).isEqualTo(2);
    }

    @Test
    void draftUpdateChecksTheSameLimits() {
        String id = addDraft("t", null, null, "c", cover).getString("media_id");
        JsonObject r = sb.call("cgi-bin/draft/update", "{\"media_id\":\"" + id + "\",\"index\":0,\"articles\":{\"title\":\""
                + "标".repeat(33) + "\",\"content\":\"c\",\"thumb_media_id\":\"" + cover + "\"}}");
        assertThat(errcode(r)).isEqualTo(45003);
    }

    @Test
    void theCoverMustBeAPermanentImage() {
        String temporary = sb.uploaded("cgi-bin/media/upload", "image", "cover.jpg", null);
        assertThat(errcode(addDraft("t", null, null, "c", temporary))).isEqualTo(40007);
        String temporaryThumb = sb.uploaded("cgi-bin/media/upload", "thumb", "cover.jpg", null);
        assertThat(errcode(addDraft("t", null, null, "c", temporaryThumb))).isEqualTo(40007);
        String permanentThumb = sb.uploaded("cgi-bin/material/add_material", "thumb", "cover.jpg", null);
        assertThat(errcode(addDraft("t", null, null, "c", permanentThumb))).isZero();
    }

    @ParameterizedTest(name = "media/upload {0} {1} → {2}")
    @CsvSource({
        "image, a.png, 0", "image, a.jpg, 0", "image, a.jpeg, 0", "image, a.gif, 0", "image, a.bmp, 40005",
        "voice, a.amr, 0", "voice, a.mp3, 0", "voice, a.wav, 40005", "voice, a.wma, 40005", "voice, a.speex, 40005",
        "video, a.mp4, 0", "video, a.avi, 40005", "thumb, a.jpg, 0", "thumb, a.png, 40005",
    })
    void temporaryUploadsTakeOnlyWeChatsFormats(String type, String file, int expected) {
        assertThat(errcode(sb.upload("cgi-bin/media/upload", type, file, null).json())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "add_material {0} {1} → {2}")
    @CsvSource({"image, a.bmp, 0", "voice, a.wav, 0", "voice, a.wma, 0", "voice, a.speex, 40005"})
    void permanentMaterialsTakeMoreFormats(String type, String file, int expected) {
        assertThat(errcode(sb.upload("cgi-bin/material/add_material", type, file, null).json())).isEqualTo(expected);
    }
}
