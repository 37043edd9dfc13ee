package app.fanmail.wechat.infrastructure;

import java.util.Map;
import java.util.UUID;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatQuotas;
import app.fanmail.wechat.infrastructure.WeChatRestClients.QuotaApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** {@link WeChatQuotas} over WeChat's openapi/quota/get. */
@ApplicationScoped
public class QuotasAdapter implements WeChatQuotas {
    /** The cgi_path WeChat counts each API's quota under. */
    static final Map<QuotedApi, String> CGI_PATHS = Map.of(
            QuotedApi.TEMPLATE_SEND, "/cgi-bin/message/template/send",
            QuotedApi.SERVICE_SEND, "/cgi-bin/message/custom/send",
            QuotedApi.MASS_SEND_TO_ALL, "/cgi-bin/message/mass/sendall",
            QuotedApi.MASS_SEND_TO_OPENIDS, "/cgi-bin/message/mass/send",
            QuotedApi.ACCESS_TOKEN, "/cgi-bin/token");

    @Inject
    WeChatGateway gateway;

    @Override
    public DailyQuota dailyQuota(UUID accountId, QuotedApi api) {
        JsonObject body = JsonFactories.object().add("cgi_path", CGI_PATHS.get(api)).build();
        return quotaOf(gateway.call(accountId, QuotaApi.class, (client, token) -> client.quota(token, body)));
    }

    static DailyQuota quotaOf(JsonObject answer) {
        JsonObject quota = Json2.obj(answer, "quota");
        long limit = Json2.num(quota, "daily_limit", -1);
        long used = Json2.num(quota, "used", -1);
        if (limit < 0 || used < 0) {
            throw new WeChatException(WeChatException.Kind.OTHER, 0, "WeChat answered openapi/quota/get without daily_limit and used", null);
        }
        return new DailyQuota(limit, used, Json2.num(quota, "remain", Math.max(0, limit - used)));
    }
}
