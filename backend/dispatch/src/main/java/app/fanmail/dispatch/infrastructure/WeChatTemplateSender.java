package app.fanmail.dispatch.infrastructure;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import app.fanmail.dispatch.application.SendFailedException;
import app.fanmail.dispatch.application.TemplateSender;
import app.fanmail.dispatch.domain.FailureClass;
import app.fanmail.dispatch.domain.SendFailure;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatTemplates;
import app.fanmail.wechat.api.WeChatTemplates.TemplateMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link TemplateSender} over {@code WeChatTemplates.sendAsync}; translates WeChat's failure kinds into dispatch's classes. */
@ApplicationScoped
public class WeChatTemplateSender implements TemplateSender {
    @Inject
    WeChatTemplates templates;

    @Override
    public CompletionStage<String> send(Outgoing m, Instant keyFirstUsedAt) {
        TemplateMessage message = new TemplateMessage(m.openid(), m.templateId(), m.url(), m.miniProgramAppId(), m.miniProgramPagePath(),
                m.clientMsgId(), m.data());
        CompletionStage<String> stage;
        try {
            stage = keyFirstUsedAt == null ? templates.sendAsync(m.accountId(), message) : templates.sendAsync(m.accountId(), message, keyFirstUsedAt);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.handle((msgid, error) -> {
            if (error == null) {
                return msgid;
            }
            Throwable e = error;
            while (e instanceof CompletionException && e.getCause() != null) {
                e = e.getCause();
            }
            if (e instanceof WeChatException w) {
                throw new SendFailedException(classify(w), w);
            }
            throw new SendFailedException(new SendFailure(FailureClass.MAY_HAVE_BEEN_SENT, -1, String.valueOf(e)), e);
        });
    }

    /**
     * Dispatch's class of a WeChat failure: what the facade says may have been processed is MAY_HAVE_BEEN_SENT whatever
     * its kind (never FAILED, never resent with a new key); a template WeChat does not know, refused credentials or a
     * missing permission stop the job; other refusals are final for the recipient.
     */
    static SendFailure classify(WeChatException e) {
        FailureClass c = switch (e.kind()) {
            case IN_DOUBT -> FailureClass.IN_DOUBT;
            case DAILY_QUOTA -> FailureClass.DAILY_QUOTA;
            case THROTTLED -> e.mayHaveBeenProcessed() ? FailureClass.MAY_HAVE_BEEN_SENT : FailureClass.THROTTLED;
            case TRANSIENT, TOKEN_INVALID -> e.mayHaveBeenProcessed() ? FailureClass.MAY_HAVE_BEEN_SENT : FailureClass.NOT_SENT;
            case CREDENTIALS_INVALID, PERMISSION -> FailureClass.JOB_FINAL;
            case REQUEST_INVALID -> e.refusal() == WeChatException.Refusal.TEMPLATE_UNKNOWN ? FailureClass.JOB_FINAL : FailureClass.RECIPIENT_FINAL;
            case RECIPIENT_FINAL, LIMIT, OTHER -> e.mayHaveBeenProcessed() ? FailureClass.MAY_HAVE_BEEN_SENT : FailureClass.RECIPIENT_FINAL;
        };
        return new SendFailure(c, e.errcode(), e.errmsg());
    }
}
