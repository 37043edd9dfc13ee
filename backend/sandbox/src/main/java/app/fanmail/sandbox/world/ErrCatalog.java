package app.fanmail.sandbox.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every errcode the sandbox can answer on demand ({@code faults:inject}), with the errmsg WeChat sends for it. The
 * sandbox keeps its own list on purpose (it shares no code with Fanmail); a Fanmail test checks that every code of
 * Fanmail's {@code ErrorCodes} table is in here. Messages come from the rules that already answer them ({@link Err}),
 * from answers quoted in WeChat's developer community and SDK issues (see the README's "Fault switches"). The
 * 8950x codes carry the Chinese text WeChat's token doc gives; 43019, 45002, 45003, 46004, 48003, 50001, 50002 and
 * 76022 carry the sandbox's English rendering of WeChat's Chinese description (their English errmsg was not found).
 */
public final class ErrCatalog {

    private static final Map<Integer, String> MESSAGES;

    static {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(-1, Err.systemError().errmsg());
        m.put(40001, Err.invalidCredential().errmsg());
        m.put(40003, Err.invalidOpenid().errmsg());
        m.put(40005, Err.invalidFileType().errmsg());
        m.put(40006, Err.invalidMediaSize().errmsg());
        m.put(40007, Err.invalidMediaId().errmsg());
        m.put(40008, Err.invalidMessageType().errmsg());
        m.put(40013, Err.invalidAppid().errmsg());
        m.put(40014, Err.invalidAccessToken().errmsg());
        m.put(40032, Err.invalidOpenidListSize().errmsg());
        m.put(40037, Err.invalidTemplateId().errmsg());
        m.put(40060, Err.invalidArticleIdx().errmsg());
        m.put(40092, "invalid remark name");
        m.put(40102, Err.invalidIndustryId().errmsg());
        m.put(40125, Err.invalidAppsecret().errmsg());
        m.put(40130, Err.openidListTooShort().errmsg());
        m.put(40164, FaultGate.ipNotWhitelisted("127.0.0.1").errmsg());
        m.put(40165, "invalid weapp pagepath");
        m.put(40246, "invalid keyword name");
        m.put(41030, "invalid page");
        m.put(42001, Err.accessTokenExpired().errmsg());
        m.put(43004, Err.requireSubscribe().errmsg());
        m.put(43019, "require remove blacklist");
        m.put(43100, Err.industryChangedTooOften().errmsg());
        m.put(43101, "user refuse to accept the msg");
        m.put(43116, "This template_id is banned");
        m.put(43117, "Sending messages to this openid too frequently,please try later");
        m.put(44002, Err.emptyPostData().errmsg());
        m.put(45002, "content size out of limit");
        m.put(45003, "title size out of limit");
        m.put(45004, "description size out of limit");
        m.put(45008, "article size out of limit");
        m.put(45009, Err.dailyQuota().errmsg());
        m.put(45011, Err.minuteQuota().errmsg());
        m.put(45015, Err.kefuOutOfTime().errmsg());
        m.put(45026, Err.templateLimit().errmsg());
        m.put(45027, Err.templateConflictsWithIndustry().errmsg());
        m.put(45028, Err.noMassQuota().errmsg());
        m.put(45047, Err.kefuCountLimit().errmsg());
        m.put(45056, Err.tooManyTags().errmsg());
        m.put(45057, Err.tagHasTooManyFans().errmsg());
        m.put(45058, Err.reservedTag().errmsg());
        m.put(45059, Err.fanHasTooManyTags().errmsg());
        m.put(45065, "clientmsgid exist");
        m.put(45066, Err.clientMsgIdRetryTooFast().errmsg());
        m.put(45067, Err.clientMsgIdTooLong().errmsg());
        m.put(45103, Err.unsupported().errmsg());
        m.put(45110, "material count of type image reach limit 5000");
        m.put(45157, Err.invalidTagName().errmsg());
        m.put(45158, Err.tagNameTooLong().errmsg());
        m.put(45159, Err.invalidTagId().errmsg());
        m.put(46004, "user not exist");
        m.put(47001, Err.dataFormatError().errmsg());
        m.put(47003, "argument invalid! data.thing1.value invalid");
        m.put(48001, Err.apiUnauthorized().errmsg());
        m.put(48002, Err.userRefusesMessages().errmsg());
        m.put(48003, "user not agree mass-send protocol");
        m.put(50001, "user unauthorized");
        m.put(50002, "user limited");
        m.put(53300, Err.categoryMonthlyLimit().errmsg());
        m.put(53301, Err.tooManyCategories().errmsg());
        m.put(53303, Err.invalidCategoryParams().errmsg());
        m.put(53304, Err.duplicateCategory().errmsg());
        m.put(76021, "cgi_path not found, please check");
        m.put(76022, "could not use this cgi_path, no permission");
        m.put(89501, "此IP正在等待管理员确认,请联系管理员");
        m.put(89503, "此IP调用需要管理员确认,请联系管理员");
        m.put(89506, "24小时内该IP被管理员拒绝调用两次，24小时内不可再使用该IP调用");
        m.put(89507, "1小时内该IP被管理员拒绝调用一次，1小时内不可再使用该IP调用");
        MESSAGES = Collections.unmodifiableMap(m);
    }

    private ErrCatalog() {
    }

    /** Code → errmsg (without the {@code rid}), in ascending code order of insertion. */
    public static Map<Integer, String> all() {
        return MESSAGES;
    }

    public static boolean contains(int code) {
        return MESSAGES.containsKey(code);
    }

    /** WeChat's error for {@code code}; {@code callerIp} fills 40164's message. Null when the code is not listed. */
    static WeChatException error(int code, String callerIp) {
        if (code == 40164) {
            return FaultGate.ipNotWhitelisted(callerIp == null ? "127.0.0.1" : callerIp);
        }
        String msg = MESSAGES.get(code);
        return msg == null ? null : Err.of(code, msg);
    }
}
