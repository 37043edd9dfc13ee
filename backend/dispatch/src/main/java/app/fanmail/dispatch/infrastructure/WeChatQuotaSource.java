package app.fanmail.dispatch.infrastructure;

import java.util.UUID;

import app.fanmail.dispatch.application.QuotaSource;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatQuotas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link QuotaSource} over {@code WeChatQuotas} (openapi/quota/get for the template send API). */
@ApplicationScoped
public class WeChatQuotaSource implements QuotaSource {
    @Inject
    WeChatQuotas quotas;

    @Override
    public Today templateSends(UUID accountId) {
        try {
            WeChatQuotas.DailyQuota q = quotas.dailyQuota(accountId, WeChatQuotas.QuotedApi.TEMPLATE_SEND);
            return new Today(q.dailyLimit(), q.used());
        } catch (WeChatException e) {
            throw new QuotaUnavailableException(e.errcode() + " " + e.errmsg(), e);
        }
    }
}
