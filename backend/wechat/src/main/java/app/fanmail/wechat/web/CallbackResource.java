package app.fanmail.wechat.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import java.time.Clock;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.wechat.application.CallbackAccounts;
import app.fanmail.wechat.application.CallbackIngest;
import app.fanmail.wechat.application.CallbackThrottle;
import app.fanmail.wechat.domain.InboundParser;
import app.fanmail.wechat.domain.CallbackVerifier;
import app.fanmail.wechat.domain.CallbackVerifier.Query;
import app.fanmail.wechat.domain.SafeXml;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * WeChat's pushes for one account ({@code /api/wechat/callback/{appId}}, the URL shown on the
 * account): URL verification (GET) and messages/events (POST, in the account's encryption mode).
 * Validate, store in the inbox, reply {@code success}; processing happens after. Anything not
 * signed by the account, for an unknown or disabled account, or with a timestamp outside the replay
 * window ({@code fanmail.wechat.callback-replay-window}, default 5 minutes either way) is refused with
 * the same 403 {@code refused} and nothing is stored. A push whose (nonce, timestamp) was already
 * accepted is answered {@code success} but not processed again (WeChat's own retries reuse them).
 * Beyond the account's rate ({@link CallbackThrottle}) a push is answered 503 and WeChat retries.
 */
@Path("/wechat/callback/{appId}")
@ApplicationScoped
public class CallbackResource {
    private static final Logger LOG = Logger.getLogger(CallbackResource.class.getName());

    @Inject
    CallbackAccounts accounts;
    @Inject
    CallbackIngest ingest;
    @Inject
    CallbackThrottle throttle;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.callback-replay-window", defaultValue = "PT5M")
    Duration replayWindow;

    /** The one answer for unknown accounts, disabled accounts and bad signatures alike. */
    private static Response refused() {
        return Response.status(Response.Status.FORBIDDEN).entity("refused").build();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@PathParam("appId") String appId, @QueryParam("signature") String signature,
                           @QueryParam("timestamp") String timestamp, @QueryParam("nonce") String nonce,
                           @QueryParam("echostr") String echostr) {
        Optional<CallbackAccounts.Entry> account = accounts.find(appId);
        if (account.isEmpty()) {
            return refused();
        }
        Query query = new Query(signature, timestamp, nonce, null, null);
        if (echostr == null || !CallbackVerifier.urlVerified(account.get().keys(), query)) {
            return refused();
        }
        try {
            CallbackVerifier.fresh(query, clock.instant(), replayWindow);
        } catch (CallbackVerifier.Refused e) {
            return refused();
        }
        return Response.ok(echostr).build();
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(@PathParam("appId") String appId, @QueryParam("signature") String signature,
                            @QueryParam("timestamp") String timestamp, @QueryParam("nonce") String nonce,
                            @QueryParam("encrypt_type") String encryptType, @QueryParam("msg_signature") String msgSignature,
                            InputStream body) {
        Optional<CallbackAccounts.Entry> account = accounts.find(appId);
        if (account.isEmpty()) {
            return refused();
        }
        byte[] raw;
        try {
            raw = body.readNBytes(SafeXml.MAX_BYTES + 1);
        } catch (IOException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity("unreadable body").build();
        }
        if (raw.length > SafeXml.MAX_BYTES) {
            return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).entity("too large").build();
        }
        Map<String, Object> fields;
        byte[] plain;
        long ts;
        Query query = new Query(signature, timestamp, nonce, encryptType, msgSignature);
        try {
            plain = CallbackVerifier.plaintext(account.get().keys(), query, raw);
            ts = CallbackVerifier.fresh(query, clock.instant(), replayWindow);
            fields = SafeXml.parse(plain);
            InboundParser.validate(fields);
        } catch (CallbackVerifier.Refused e) {
            LOG.fine(() -> "Refused push for " + appId + ": " + e.getMessage());
            return refused();
        } catch (SafeXml.XmlRejected e) {
            LOG.fine(() -> "Rejected XML for " + appId + ": " + e.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).entity("bad xml").build();
        }
        if (!throttle.admit(account.get().accountId())) {
            LOG.fine(() -> "Push for " + appId + " over the account's rate; WeChat will retry");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1").entity("busy").build();
        }
        try {
            ingest.accept(account.get().accountId(), fields, new String(plain, StandardCharsets.UTF_8), nonce, ts).get(4, TimeUnit.SECONDS);
            return Response.ok("success").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Could not store a push for " + appId + "; WeChat will retry", e);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
    }
}
