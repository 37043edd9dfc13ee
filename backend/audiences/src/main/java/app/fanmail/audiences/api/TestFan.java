package app.fanmail.audiences.api;

import java.time.Instant;
import java.util.List;

/**
 * One of an account's saved test fans: the label the operator gave it, and the fan as Fanmail knows it now (remark, tag
 * names by name, whether it follows the account; a fan Fanmail no longer lists is not subscribed) — what a test send
 * renders a template's values from.
 */
public record TestFan(String openid, String label, String remark, boolean subscribed, List<String> tagNames, Instant createdAt,
                      String createdBy) {
    public TestFan {
        tagNames = tagNames == null ? List.of() : List.copyOf(tagNames);
        remark = remark == null ? "" : remark;
    }
}
