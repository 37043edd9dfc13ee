package app.fanmail.wechat.infrastructure;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** The WeChat module owns the {@code wechat} schema; its migrations live in {@code db/wechat}. */
@ApplicationScoped
public class WeChatSchema implements ModuleSchema {
    @Override
    public String schema() {
        return "wechat";
    }

    @Override
    public int order() {
        return 30;
    }
}
