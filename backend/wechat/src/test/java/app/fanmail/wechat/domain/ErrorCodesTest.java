package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Certainty;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatException.Refusal;

class ErrorCodesTest {
    @ParameterizedTest
    @CsvSource({"40001,TOKEN_INVALID", "42001,TOKEN_INVALID", "40014,TOKEN_INVALID", "-1,TRANSIENT", "45009,DAILY_QUOTA",
            "45015,RECIPIENT_FINAL", "45047,RECIPIENT_FINAL", "43004,RECIPIENT_FINAL", "43019,RECIPIENT_FINAL", "48002,RECIPIENT_FINAL",
            "40003,RECIPIENT_FINAL", "47003,REQUEST_INVALID", "40037,REQUEST_INVALID", "48001,PERMISSION", "40164,PERMISSION",
            "45026,LIMIT", "43100,LIMIT", "40125,CREDENTIALS_INVALID", "99999,OTHER",
            "40007,REQUEST_INVALID", "76021,REQUEST_INVALID", "76022,PERMISSION",
            "45011,THROTTLED", "45066,THROTTLED", "46004,RECIPIENT_FINAL", "50002,RECIPIENT_FINAL"})
    void mapsErrcodesToWhatCallersCanDo(int errcode, Kind kind) {
        assertThat(ErrorCodes.kindOf(errcode)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"43100,INDUSTRY_CHANGED_TOO_OFTEN,LIMIT", "40102,INDUSTRY_INVALID,REQUEST_INVALID", "45026,TEMPLATE_LIMIT,LIMIT",
            "45027,TEMPLATE_OUTSIDE_SETUP,LIMIT", "40037,TEMPLATE_UNKNOWN,REQUEST_INVALID", "40246,KEYWORD_UNKNOWN,REQUEST_INVALID",
            "53300,CATEGORY_MONTHLY_LIMIT,LIMIT", "53301,CATEGORY_COUNT_LIMIT,LIMIT", "53303,CATEGORY_INVALID,REQUEST_INVALID",
            "53304,CATEGORY_DUPLICATE,REQUEST_INVALID", "45009,NONE,DAILY_QUOTA", "99999,NONE,OTHER",
            "45056,TAG_LIMIT,LIMIT", "45057,TAG_TOO_MANY_FANS,LIMIT", "45058,TAG_RESERVED,REQUEST_INVALID", "45059,FAN_TAG_LIMIT,LIMIT",
            "45157,TAG_NAME_INVALID,REQUEST_INVALID", "45158,TAG_NAME_TOO_LONG,REQUEST_INVALID", "45159,TAG_UNKNOWN,REQUEST_INVALID",
            "40092,REMARK_TOO_LONG,REQUEST_INVALID", "40003,OPENID_INVALID,RECIPIENT_FINAL", "46004,FAN_UNKNOWN,RECIPIENT_FINAL",
            "43004,NOT_FOLLOWER,RECIPIENT_FINAL"})
    void namesTheRulesCallersExplain(int errcode, Refusal refusal, Kind kind) {
        WeChatException e = ErrorCodes.failure(errcode, "x");
        assertThat(e.refusal()).isEqualTo(refusal);
        assertThat(e.kind()).isEqualTo(kind);
    }

    @Test
    void argumentInvalidNamesTheField() {
        WeChatException e = ErrorCodes.failure(47003, "argument invalid! data.thing1.value invalid rid: 6543-abc");
        assertThat(e.field()).isEqualTo("thing1");
        assertThat(e.kind()).isEqualTo(Kind.REQUEST_INVALID);
        assertThat(ErrorCodes.failure(47003, "argument invalid!").field()).isNull();
    }

    @Test
    void throttlingIsRetryableAndCertainlyNotProcessed() {
        for (int code : new int[] {45011, 45066}) {
            WeChatException e = ErrorCodes.failure(code, "freq limit");
            assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.mayHaveBeenProcessed()).isFalse();
        }
        for (int code : new int[] {46004, 50002}) {
            WeChatException e = ErrorCodes.failure(code, "user");
            assertThat(e.retryable()).isFalse();
            assertThat(e.mayHaveBeenProcessed()).isFalse();
        }
    }

    @Test
    void systemBusyMayHaveBeenProcessedOtherErrcodesWereNot() {
        assertThat(ErrorCodes.failure(-1, "system error").certainty()).isEqualTo(Certainty.MAY_HAVE_BEEN_PROCESSED);
        assertThat(ErrorCodes.failure(40003, "invalid openid").certainty()).isEqualTo(Certainty.NOT_PROCESSED);
        assertThat(ErrorCodes.failure(61234, "new").certainty()).isEqualTo(Certainty.NOT_PROCESSED);
    }

    @ParameterizedTest
    @CsvSource({"HOST_REFUSED,PERMISSION,NOT_PROCESSED", "DNS_FAILURE,TRANSIENT,NOT_PROCESSED", "PERMIT_TIMEOUT,THROTTLED,NOT_PROCESSED",
            "CONNECT_FAILED,TRANSIENT,NOT_PROCESSED", "READ_TIMEOUT,TRANSIENT,MAY_HAVE_BEEN_PROCESSED",
            "RESET_AFTER_SEND,TRANSIENT,MAY_HAVE_BEEN_PROCESSED", "HTTP_5XX,TRANSIENT,MAY_HAVE_BEEN_PROCESSED",
            "BAD_ANSWER,OTHER,MAY_HAVE_BEEN_PROCESSED", "HTTP_429,THROTTLED,NOT_PROCESSED", "HTTP_OTHER,OTHER,NOT_PROCESSED"})
    void transportFailuresSayWhetherTheRequestMayHaveBeenProcessed(ErrorCodes.Transport transport, Kind kind, Certainty certainty) {
        WeChatException e = transport.failure("x", null);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.certainty()).isEqualTo(certainty);
    }

    @Test
    void httpStatusesMapToTransportFailures() {
        assertThat(ErrorCodes.Transport.ofStatus(502)).isEqualTo(ErrorCodes.Transport.HTTP_5XX);
        assertThat(ErrorCodes.Transport.ofStatus(429)).isEqualTo(ErrorCodes.Transport.HTTP_429);
        assertThat(ErrorCodes.Transport.ofStatus(404)).isEqualTo(ErrorCodes.Transport.HTTP_OTHER);
    }

    @Test
    void unknownCodesAreKeptVerbatim() {
        WeChatException e = ErrorCodes.failure(61234, "something new rid: x");
        assertThat(e.errcode()).isEqualTo(61234);
        assertThat(e.errmsg()).isEqualTo("something new rid: x");
        assertThat(e.retryable()).isFalse();
        assertThat(ErrorCodes.failure(-1, "system error").retryable()).isTrue();
    }
}
