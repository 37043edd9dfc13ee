package app.fanmail.wechat.infrastructure;

import app.fanmail.kernel.persistence.AccountDataSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The wechat module keeps rows per account in the {@code wechat} schema: the accounts module's cleanup removes those of a
 * deleted account and sweeps those of accounts that no longer exist, in this module's persistence unit (ADR 0010).
 */
@ApplicationScoped
public class WeChatAccountData implements AccountDataSchema {
    @PersistenceContext(unitName = "wechat")
    EntityManager em;

    @Override
    public String schema() {
        return "wechat";
    }

    @Override
    public EntityManager entityManager() {
        return em;
    }
}
