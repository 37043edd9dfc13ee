package app.fanmail.audiences.application;

/** One openid a job could not (un)tag: its position, upload line (null for other sources), code and WeChat's errcode. */
public record TagJobFailure(int seq, Integer line, String openid, String code, Integer errcode, String message) {
}
