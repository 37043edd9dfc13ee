package app.fanmail.sandbox.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-endpoint rules WeChat applies before it looks at a request: which accounts may call it (48001) and how often
 * (45009 per day, 45011 per minute). Sources: the access column of WeChat's "接口权限说明" (interface privileges)
 * table and the daily limits of its "接口调用频次限制说明" (call frequency limits) page for newly registered
 * accounts; see the README's "Fault switches". Endpoints whose quota a rule already counts (token 2,000 a day,
 * template/send, custom/send, the mass quota, sendall 60 a minute) are not counted again here.
 */
public final class EndpointRules {

    /** Who may call an endpoint. */
    public enum Access {
        /** every Official Account, verified or not */
        ANY,
        /** verified accounts of either type */
        VERIFIED,
        /** verified service accounts only */
        VERIFIED_SERVICE;

        boolean allows(AccountConfig cfg) {
            return switch (this) {
                case ANY -> true;
                case VERIFIED -> cfg.verified();
                case VERIFIED_SERVICE -> cfg.verified() && cfg.type() == AccountType.SERVICE;
            };
        }
    }

    /**
     * @param daily  default calls a day (0 = not limited here)
     * @param minute default calls a minute (0 = not limited here)
     */
    public record Rule(Access access, long daily, long minute) {
    }

    private static final Map<String, Rule> RULES;

    static {
        Map<String, Rule> m = new LinkedHashMap<>();
        // basic support: every account
        m.put("cgi-bin/token", new Rule(Access.ANY, 0, 0));
        m.put("cgi-bin/stable_token", new Rule(Access.ANY, 500_000, 10_000));
        // user management: verified accounts; 获取关注者列表 500, 获取用户基本信息 5,000,000, 设置用户备注名 10,000
        m.put("cgi-bin/user/get", new Rule(Access.VERIFIED, 500, 0));
        m.put("cgi-bin/user/info", new Rule(Access.VERIFIED, 5_000_000, 0));
        m.put("cgi-bin/user/info/batchget", new Rule(Access.VERIFIED, 5_000_000, 0));
        m.put("cgi-bin/user/info/updateremark", new Rule(Access.VERIFIED, 10_000, 0));
        // tags (the former groups): 创建/获取/修改分组 1,000, 移动用户分组 100,000
        m.put("cgi-bin/tags/create", new Rule(Access.VERIFIED, 1_000, 0));
        m.put("cgi-bin/tags/get", new Rule(Access.VERIFIED, 1_000, 0));
        m.put("cgi-bin/tags/update", new Rule(Access.VERIFIED, 1_000, 0));
        m.put("cgi-bin/tags/delete", new Rule(Access.VERIFIED, 1_000, 0));
        m.put("cgi-bin/user/tag/get", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/tags/members/batchtagging", new Rule(Access.VERIFIED, 100_000, 0));
        m.put("cgi-bin/tags/members/batchuntagging", new Rule(Access.VERIFIED, 100_000, 0));
        m.put("cgi-bin/tags/getidlist", new Rule(Access.VERIFIED, 0, 0));
        // media and materials: every account; 上传多媒体文件 5,000, 下载多媒体文件 10,000
        m.put("cgi-bin/media/upload", new Rule(Access.ANY, 5_000, 0));
        m.put("cgi-bin/media/get", new Rule(Access.ANY, 10_000, 0));
        for (String p : new String[] {"cgi-bin/media/uploadimg", "cgi-bin/media/uploadvideo", "cgi-bin/media/uploadnews",
                "cgi-bin/material/add_material", "cgi-bin/material/get_material", "cgi-bin/material/del_material",
                "cgi-bin/material/get_materialcount", "cgi-bin/material/batchget_material", "cgi-bin/material/add_news",
                "cgi-bin/material/update_news", "cgi-bin/draft/add", "cgi-bin/draft/get", "cgi-bin/draft/update",
                "cgi-bin/draft/batchget", "cgi-bin/draft/delete", "cgi-bin/draft/count"}) {
            m.put(p, new Rule(Access.ANY, 0, 0));
        }
        // template messages: verified service accounts
        for (String p : new String[] {"cgi-bin/template/get_industry", "cgi-bin/template/api_set_industry",
                "cgi-bin/template/api_add_template", "cgi-bin/template/get_all_private_template",
                "cgi-bin/template/del_private_template", "wxa/sec/queryblocktmplmsg", "cgi-bin/message/template/send",
                "cgi-bin/wxopen/getallcategories", "wxaapi/newtmpl/getcategory", "cgi-bin/wxopen/addcategory",
                "cgi-bin/wxopen/deletecategory"}) {
            m.put(p, new Rule(Access.VERIFIED_SERVICE, 0, 0));
        }
        // quota management: verified accounts (清零 is for verified accounts)
        m.put("cgi-bin/clear_quota", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/openapi/quota/get", new Rule(Access.VERIFIED, 0, 0));
        // customer service: verified accounts
        m.put("cgi-bin/message/custom/send", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/message/custom/typing", new Rule(Access.VERIFIED, 0, 0));
        // mass: verified accounts; by openid list only verified service accounts
        m.put("cgi-bin/message/mass/sendall", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/message/mass/send", new Rule(Access.VERIFIED_SERVICE, 0, 0));
        m.put("cgi-bin/message/mass/preview", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/message/mass/delete", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/message/mass/get", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/message/mass/speed/get", new Rule(Access.VERIFIED, 0, 0));
        m.put("cgi-bin/message/mass/speed/set", new Rule(Access.VERIFIED, 0, 0));
        RULES = Collections.unmodifiableMap(m);
    }

    private EndpointRules() {
    }

    /** Every endpoint with its rule, in table order. */
    public static Map<String, Rule> all() {
        return RULES;
    }

    static Rule of(String path) {
        return RULES.get(path);
    }
}
