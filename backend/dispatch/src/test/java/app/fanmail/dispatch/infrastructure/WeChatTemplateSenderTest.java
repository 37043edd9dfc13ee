package app.fanmail.dispatch.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.domain.FailureClass;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Certainty;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatException.Refusal;

class WeChatTemplateSenderTest {
    private static FailureClass of(Kind kind, Certainty certainty) {
        return WeChatTemplateSender.classify(new WeChatException(kind, certainty, 1, "m", null, null)).failureClass();
    }

    @Test
    void whatMayHaveReachedWeChatIsNeverResentWithANewKeyNorFailed() {
        assertThat(of(Kind.TRANSIENT, Certainty.MAY_HAVE_BEEN_PROCESSED)).isEqualTo(FailureClass.MAY_HAVE_BEEN_SENT);
        assertThat(of(Kind.OTHER, Certainty.MAY_HAVE_BEEN_PROCESSED)).isEqualTo(FailureClass.MAY_HAVE_BEEN_SENT);
        assertThat(of(Kind.RECIPIENT_FINAL, Certainty.MAY_HAVE_BEEN_PROCESSED)).isEqualTo(FailureClass.MAY_HAVE_BEEN_SENT);
    }

    @Test
    void eachKindHasItsClass() {
        assertThat(of(Kind.TRANSIENT, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.NOT_SENT);
        assertThat(of(Kind.TOKEN_INVALID, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.NOT_SENT);
        assertThat(of(Kind.THROTTLED, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.THROTTLED);
        assertThat(of(Kind.DAILY_QUOTA, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.DAILY_QUOTA);
        assertThat(of(Kind.IN_DOUBT, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.IN_DOUBT);
        assertThat(of(Kind.RECIPIENT_FINAL, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.RECIPIENT_FINAL);
        assertThat(of(Kind.REQUEST_INVALID, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.RECIPIENT_FINAL);
        assertThat(of(Kind.OTHER, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.RECIPIENT_FINAL);
        assertThat(of(Kind.PERMISSION, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.JOB_FINAL);
        assertThat(of(Kind.CREDENTIALS_INVALID, Certainty.NOT_PROCESSED)).isEqualTo(FailureClass.JOB_FINAL);
        // a template WeChat does not know fails every recipient alike: the job stops
        assertThat(WeChatTemplateSender.classify(new WeChatException(Kind.REQUEST_INVALID, Refusal.TEMPLATE_UNKNOWN, Certainty.NOT_PROCESSED,
                40037, "invalid template_id", null, null)).failureClass()).isEqualTo(FailureClass.JOB_FINAL);
    }

    @Test
    void errcodeAndMessageAreKeptVerbatim() {
        var f = WeChatTemplateSender.classify(new WeChatException(Kind.RECIPIENT_FINAL, 43004, "require subscribe rid: 1", null));
        assertThat(f.errcode()).isEqualTo(43004);
        assertThat(f.errmsg()).isEqualTo("require subscribe rid: 1");
    }
}
