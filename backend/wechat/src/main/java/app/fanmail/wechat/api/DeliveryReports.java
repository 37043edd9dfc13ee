package app.fanmail.wechat.api;

import java.util.List;

/**
 * Delivery reports (TEMPLATESENDJOBFINISH, MASSSENDJOBFINISH) for modules that must not lose one: read them after a
 * cursor, handle them, and store the new cursor in the same transaction as what they did with them. After a crash
 * between reading and storing, the next read returns the same reports again (at-least-once; the inbox id makes
 * handling idempotent). Positions follow commit order, so a report never appears behind a cursor already passed.
 * Reports disappear with their inbox row under the inbox retention ({@code fanmail.wechat.retention.*}).
 */
public interface DeliveryReports {
    /** The most reports one read returns. */
    int MAX_READ = 1000;

    /**
     * One report: {@code position} is the cursor to store once it is handled; {@code event} is an
     * {@link InboundEvent.TemplateDeliveryReported} or an {@link InboundEvent.MassSendFinished}.
     */
    record DeliveryReport(long position, long inboxId, InboundEvent event) {
    }

    /** Up to {@code limit} (1…{@value #MAX_READ}) reports after {@code cursor} (0 = from the start), oldest first. */
    List<DeliveryReport> after(long cursor, int limit);
}
