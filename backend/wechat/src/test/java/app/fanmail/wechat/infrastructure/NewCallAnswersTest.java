package app.fanmail.wechat.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatMaterials.MediaContent;
import app.fanmail.wechat.api.WeChatMessages.MassSpeed;
import app.fanmail.wechat.api.WeChatQuotas.DailyQuota;
import app.fanmail.wechat.api.WeChatQuotas.QuotedApi;

/** How WeChat's answers to the download, quota and speed calls become Fanmail's types (shapes from WeChat's documentation). */
class NewCallAnswersTest {

    @Test
    void aPermanentNewsMaterialGivesItsArticles() {
        var answer = JsonFactories.readObject("""
                {"news_item":[{"title":"标题","thumb_media_id":"THUMB","show_cover_pic":1,"author":"作者","digest":"摘要",
                "content":"<p>正文</p>","url":"http://mp.weixin.qq.com/s?__biz=X","content_source_url":"https://example.com",
                "need_open_comment":1,"only_fans_can_comment":0,"thumb_url":"http://mmbiz.qpic.cn/t"}]}""");
        MediaContent.News news = (MediaContent.News) MediaDownloads.permanent(answer);
        assertThat(news.articles()).singleElement().satisfies(a -> {
            assertThat(a.article().title()).isEqualTo("标题");
            assertThat(a.article().thumbMediaId()).isEqualTo("THUMB");
            assertThat(a.article().contentSourceUrl()).isEqualTo("https://example.com");
            assertThat(a.article().openComment()).isTrue();
            assertThat(a.article().onlyFansCanComment()).isFalse();
            assertThat(a.url()).isEqualTo("http://mp.weixin.qq.com/s?__biz=X");
            assertThat(a.thumbUrl()).isEqualTo("http://mmbiz.qpic.cn/t");
        });
    }

    @Test
    void aPermanentVideoGivesItsTitleDescriptionAndLink() {
        var answer = JsonFactories.readObject("{\"title\":\"T\",\"description\":\"D\",\"down_url\":\"http://mpvideo.qpic.cn/x.mp4\"}");
        assertThat(MediaDownloads.permanent(answer)).isEqualTo(new MediaContent.VideoLink("T", "D", "http://mpvideo.qpic.cn/x.mp4"));
    }

    @Test
    void aTemporaryVideoGivesItsLink() {
        var answer = JsonFactories.readObject("{\"video_url\":\"http://vweixinf.tc.qq.com/v.mp4\"}");
        assertThat(MediaDownloads.temporary(answer)).isEqualTo(new MediaContent.VideoLink(null, null, "http://vweixinf.tc.qq.com/v.mp4"));
    }

    @Test
    void jsonWithoutFileVideoOrNewsIsAnError() {
        assertThatThrownBy(() -> MediaDownloads.permanent(JsonFactories.readObject("{\"errcode\":0}"))).isInstanceOf(WeChatException.class);
        assertThatThrownBy(() -> MediaDownloads.temporary(JsonFactories.readObject("{}"))).isInstanceOf(WeChatException.class);
    }

    @Test
    void theFileNameComesFromContentDispositionWithoutAnyPath() {
        assertThat(MediaDownloads.fileName("attachment; filename=\"MEDIA_ID.jpg\"")).isEqualTo("MEDIA_ID.jpg");
        assertThat(MediaDownloads.fileName("attachment; filename=voice.amr")).isEqualTo("voice.amr");
        assertThat(MediaDownloads.fileName("attachment; filename=\"../../etc/passwd\"")).isEqualTo("passwd");
        assertThat(MediaDownloads.fileName("attachment")).isNull();
        assertThat(MediaDownloads.fileName(null)).isNull();
    }

    @Test
    void massSpeedReadsLevelAndRealSpeedInTenThousandsPerMinute() {
        assertThat(MessagesAdapter.massSpeedOf(JsonFactories.readObject("{\"speed\":2,\"realspeed\":45}")))
                .isEqualTo(new MassSpeed(2, 450_000));
        assertThat(MessagesAdapter.massSpeedOf(JsonFactories.readObject("{\"speed\":0,\"realspeed\":77}")))
                .as("the real speed wins over the level's nominal rate").isEqualTo(new MassSpeed(0, 770_000));
        assertThat(MessagesAdapter.massSpeedOf(JsonFactories.readObject("{\"speed\":4}"))).isEqualTo(new MassSpeed(4, 100_000));
        assertThatThrownBy(() -> MessagesAdapter.massSpeedOf(JsonFactories.readObject("{\"realspeed\":45}"))).isInstanceOf(WeChatException.class);
    }

    @Test
    void quotaReadsLimitUsedAndRemaining() {
        assertThat(QuotasAdapter.quotaOf(JsonFactories.readObject(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":100000,\"used\":3,\"remain\":99997}}")))
                .isEqualTo(new DailyQuota(100_000, 3, 99_997));
        assertThatThrownBy(() -> QuotasAdapter.quotaOf(JsonFactories.readObject("{\"errcode\":0}"))).isInstanceOf(WeChatException.class);
    }

    @Test
    void everyQuotedApiHasItsCgiPath() {
        assertThat(QuotasAdapter.CGI_PATHS).containsOnlyKeys(QuotedApi.values());
        assertThat(QuotasAdapter.CGI_PATHS.get(QuotedApi.TEMPLATE_SEND)).isEqualTo("/cgi-bin/message/template/send");
    }
}
