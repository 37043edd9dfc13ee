package app.fanmail.sandbox.world;

import jakarta.json.JsonObjectBuilder;
import java.util.function.Consumer;

/** A WeChat error answer: {@code {"errcode":N,"errmsg":"… rid: …"}} with HTTP 200. */
public final class WeChatException extends RuntimeException {

    private final int errcode;
    private final transient Consumer<JsonObjectBuilder> extra;

    public WeChatException(int errcode, String errmsg) {
        this(errcode, errmsg, null);
    }

    /** @param extra adds fields next to errcode/errmsg (e.g. {@code msg_id} with 45065) */
    public WeChatException(int errcode, String errmsg, Consumer<JsonObjectBuilder> extra) {
        super(errmsg, null, false, false);
        this.errcode = errcode;
        this.extra = extra;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return getMessage();
    }

    public void addExtra(JsonObjectBuilder b) {
        if (extra != null) {
            extra.accept(b);
        }
    }
}
