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

import app.fanmail.wechat.application.CallbackAccounts;
import app.fanmail.wechat.domain.CallbackVerifier;
import app.fanmail.wechat.domain.CallbackVerifier.Query;
import app.fanmail.wechat.domain.SafeXml;
import app.fanmail.wechat.infrastructure.InboxWriter;
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
 * signed by the account is refused with 403 and nothing is stored.
 */
@Path("/wechat/callback/{appId}")
@ApplicationScoped
public class CallbackResource {
    private static final Logger LOG = Logger.getLogger(CallbackResource.class.getName());

    @Inject
    CallbackAccounts accounts;
    @Inject
    InboxWriter inbox;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@PathParam("appId") String appId, @QueryParam("signature") String signature,
                           @QueryParam("timestamp") String timestamp, @QueryParam("nonce") String nonce,
                           @QueryParam("echostr") String echostr) {
        Optional<CallbackAccounts.Entry> account = accounts.find(appId);
        if (account.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity("unknown account").build();
        }
        if (echostr == null || !CallbackVerifier.urlVerified(account.get().keys(), new Query(signature, timestamp, nonce, null, null))) {
            return Response.status(Response.Status.FORBIDDEN).entity("bad signature").build();
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
            return Response.status(Response.Status.NOT_FOUND).entity("unknown account").build();
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
        try {
            plain = CallbackVerifier.plaintext(account.get().keys(), new Query(signature, timestamp, nonce, encryptType, msgSignature), raw);
            fields = SafeXml.parse(plain);
        } catch (CallbackVerifier.Refused e) {
            LOG.fine(() -> "Refused push for " + appId + ": " + e.getMessage());
            return Response.status(Response.Status.FORBIDDEN).entity("refused").build();
        } catch (SafeXml.XmlRejected e) {
            LOG.fine(() -> "Rejected XML for " + appId + ": " + e.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).entity("bad xml").build();
        }
        try {
            inbox.store(account.get().accountId(), fields, new String(plain, StandardCharsets.UTF_8)).get(4, TimeUnit.SECONDS);
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
