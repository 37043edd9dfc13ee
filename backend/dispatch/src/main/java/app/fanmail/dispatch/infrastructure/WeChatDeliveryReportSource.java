package app.fanmail.dispatch.infrastructure;

import java.util.ArrayList;
import java.util.List;

import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.application.DeliveryReportSource;
import app.fanmail.wechat.api.DeliveryReports;
import app.fanmail.wechat.api.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link DeliveryReportSource} over {@code wechat.api.DeliveryReports}: template reports with their outcome, the others passed over. */
@ApplicationScoped
public class WeChatDeliveryReportSource implements DeliveryReportSource {
    @Inject
    DeliveryReports reports;

    @Override
    public List<Report> after(long cursor, int limit) {
        List<Report> out = new ArrayList<>();
        for (DeliveryReports.DeliveryReport r : reports.after(cursor, Math.min(limit, DeliveryReports.MAX_READ))) {
            if (r.event() instanceof InboundEvent.TemplateDeliveryReported t) {
                out.add(new Report(r.position(), r.inboxId(), t.accountId(), t.openid(), t.msgId(), t.status(), outcome(t.outcome()), t.createdAt()));
            } else {
                out.add(new Report(r.position(), r.inboxId(), null, null, null, null, null, null));
            }
        }
        return out;
    }

    static RecipientState outcome(InboundEvent.DeliveryOutcome o) {
        if (o == null) {
            return null;
        }
        return switch (o) {
            case DELIVERED -> RecipientState.DELIVERED;
            case USER_BLOCKED -> RecipientState.USER_BLOCKED;
            case SYSTEM_FAILED -> RecipientState.SYSTEM_FAILED;
            case OTHER_FAILURE -> null;
        };
    }
}
