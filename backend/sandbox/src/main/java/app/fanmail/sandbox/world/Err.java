package app.fanmail.sandbox.world;

/** WeChat's error codes and messages as the sandbox answers them. */
public final class Err {

    private Err() {
    }

    public static WeChatException of(int code, String msg) {
        return new WeChatException(code, msg);
    }

    public static WeChatException systemError() {
        return of(-1, "system error");
    }

    public static WeChatException invalidCredential() {
        return of(40001, "invalid credential, access_token is invalid or not latest, could get access_token by "
                + "getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r");
    }

    public static WeChatException invalidGrantType() {
        return of(40002, "invalid grant_type");
    }

    public static WeChatException invalidOpenid() {
        return of(40003, "invalid openid");
    }

    public static WeChatException invalidMediaType() {
        return of(40004, "invalid media type");
    }

    public static WeChatException invalidFileType() {
        return of(40005, "invalid file type");
    }

    public static WeChatException invalidMediaSize() {
        return of(40006, "invalid meida size");
    }

    public static WeChatException invalidMediaId() {
        return of(40007, "invalid media_id");
    }

    public static WeChatException invalidMessageType() {
        return of(40008, "invalid message type");
    }

    public static WeChatException invalidAppid() {
        return of(40013, "invalid appid");
    }

    public static WeChatException invalidAccessToken() {
        return of(40014, "invalid access_token");
    }

    public static WeChatException invalidOpenidListSize() {
        return of(40032, "invalid openid list size");
    }

    public static WeChatException invalidTemplateId() {
        return of(40037, "invalid template_id");
    }

    public static WeChatException invalidTagIdForMass() {
        return of(40050, "invalid tag_id");
    }

    public static WeChatException invalidArticleIdx() {
        return of(40060, "invalid article idx");
    }

    public static WeChatException invalidIndustryId() {
        return of(40102, "invalid industry id");
    }

    public static WeChatException invalidAppsecret() {
        return of(40125, "invalid appsecret, view more at http://t.cn/RAEkdVq");
    }

    public static WeChatException openidListTooShort() {
        return of(40130, "invalid openid list size, at least two openid");
    }

    public static WeChatException openidListTooLong() {
        return of(40130, "invalid openid list size, at most 10000 openid");
    }

    public static WeChatException invalidKeywordName(String name) {
        return of(40246, "invalid keyword name: " + name);
    }

    public static WeChatException accessTokenMissing() {
        return of(41001, "access_token missing");
    }

    public static WeChatException appidMissing() {
        return of(41002, "appid missing");
    }

    public static WeChatException secretMissing() {
        return of(41004, "appsecret missing");
    }

    public static WeChatException mediaDataMissing() {
        return of(41005, "media data missing");
    }

    public static WeChatException accessTokenExpired() {
        return of(42001, "access_token expired");
    }

    public static WeChatException requireSubscribe() {
        return of(43004, "require subscribe");
    }

    public static WeChatException industryChangedTooOften() {
        return of(43100, "change template too frequently");
    }

    public static WeChatException emptyPostData() {
        return of(44002, "empty post data");
    }

    public static WeChatException emptyNewsData() {
        return of(44003, "empty news data");
    }

    public static WeChatException emptyContent() {
        return of(44004, "empty content");
    }

    /**
     * The permanent library of this type is full. WeChat documents the caps but not the errcode; 45110 is the
     * sandbox's choice (see the README), so callers must treat it as an unknown code kept verbatim.
     */
    public static WeChatException materialLimit(String type, long cap) {
        return of(45110, "material count of type " + type + " reach limit " + cap);
    }

    public static WeChatException dailyQuota() {
        return of(45009, "reach max api daily quota limit");
    }

    public static WeChatException minuteQuota() {
        return of(45011, "api minute-quota reach limit  mustslower  retry next minute");
    }

    public static WeChatException kefuOutOfTime() {
        return of(45015, "response out of time limit or subscription is canceled");
    }

    public static WeChatException templateLimit() {
        return of(45026, "template num exceeds limit");
    }

    public static WeChatException templateConflictsWithIndustry() {
        return of(45027, "template conflict with industry");
    }

    public static WeChatException noMassQuota() {
        return of(45028, "has no masssend quota");
    }

    public static WeChatException kefuCountLimit() {
        return of(45047, "out of response count limit");
    }

    public static WeChatException tooManyTags() {
        return of(45056, "too many tags now, no need to add new");
    }

    public static WeChatException tagHasTooManyFans() {
        return of(45057, "can't delete the tag that has too many fans");
    }

    public static WeChatException reservedTag() {
        return of(45058, "can't modify sys tag");
    }

    public static WeChatException fanHasTooManyTags() {
        return of(45059, "user tag count reach limit");
    }

    public static WeChatException clientMsgIdExists(long msgId) {
        return new WeChatException(45065, "clientmsgid exist", b -> b.add("msg_id", msgId));
    }

    public static WeChatException clientMsgIdRetryTooFast() {
        return of(45066, "same clientmsgid retry too fast");
    }

    public static WeChatException clientMsgIdTooLong() {
        return of(45067, "clientmsgid size out of limit");
    }

    public static WeChatException invalidSpeed() {
        return of(45083, "invalid speed");
    }

    public static WeChatException speedMissing() {
        return of(45084, "no speed");
    }

    public static WeChatException unsupported() {
        return of(45103, "This API has been unsupported");
    }

    public static WeChatException invalidTagName() {
        return of(45157, "invalid tag name");
    }

    public static WeChatException tagNameTooLong() {
        return of(45158, "tag name too long");
    }

    public static WeChatException invalidTagId() {
        return of(45159, "invalid tag id");
    }

    public static WeChatException dataFormatError() {
        return of(47001, "data format error");
    }

    public static WeChatException argumentInvalid(String key, boolean empty) {
        return of(47003, "argument invalid! data." + key + ".value " + (empty ? "is empty" : "invalid"));
    }

    public static WeChatException argumentInvalid(String what) {
        return of(47003, "argument invalid! " + what);
    }

    public static WeChatException apiUnauthorized() {
        return of(48001, "api unauthorized");
    }

    public static WeChatException userRefusesMessages() {
        return of(48002, "api forbidden for irrelevant reason: user refuse to accept the msg");
    }

    public static WeChatException categoryMonthlyLimit() {
        return of(53300, "超出每月次数限制");
    }

    public static WeChatException tooManyCategories() {
        return of(53301, "超出可配置类目总数限制");
    }

    public static WeChatException invalidCategoryParams() {
        return of(53303, "提交的参数不合法");
    }

    public static WeChatException duplicateCategory() {
        return of(53304, "与已有类目重复");
    }

    public static WeChatException invalidUrl() {
        return of(40066, "invalid url");
    }
}
