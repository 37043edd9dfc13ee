package app.fanmail.sandbox.web;

import app.fanmail.sandbox.world.Jsons;
import app.fanmail.sandbox.world.ControlApi;
import app.fanmail.sandbox.world.ControlException;
import app.fanmail.sandbox.world.WeChatException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The control API under {@code /wechat-sandbox/_sandbox}: JSON in, JSON out; errors {@code {"error": …}}.
 * Answers only loopback callers or callers with the control token ({@link ControlAccess}).
 */
@Path("_sandbox")
@ControlAccess.Guarded
@Consumes("*/*")
public class ControlResource {

    private static final Logger LOG = Logger.getLogger(ControlResource.class.getName());
    private static final String JSON = "application/json; charset=utf-8";

    @Inject
    SandboxRuntime runtime;

    private ControlApi control() {
        return runtime.control();
    }

    @GET
    @Path("health")
    public Response health() {
        return run(() -> control().health());
    }

    @POST
    @Path("reset")
    public Response reset() {
        return run(() -> control().reset());
    }

    @GET
    @Path("clock")
    public Response clock() {
        return run(() -> control().clockJson());
    }

    @POST
    @Path("clock")
    public Response moveClock(String body) {
        return run(() -> control().clock(ControlApi.parse(body)));
    }

    @GET
    @Path("templates/library")
    public Response library() {
        return run(() -> control().library());
    }

    @GET
    @Path("accounts")
    public Response accounts() {
        return run(() -> control().listAccounts());
    }

    @POST
    @Path("accounts")
    public Response putAccount(String body) {
        return run(() -> control().putAccount(ControlApi.parse(body)));
    }

    @GET
    @Path("accounts/{appId}")
    public Response account(@PathParam("appId") String appId) {
        return run(() -> control().getAccount(appId));
    }

    @POST
    @Path("accounts/{appId}/config")
    public Response patchAccount(@PathParam("appId") String appId, String body) {
        return run(() -> control().patchAccount(appId, ControlApi.parse(body)));
    }

    @DELETE
    @Path("accounts/{appId}")
    public Response deleteAccount(@PathParam("appId") String appId) {
        return run(() -> control().deleteAccount(appId));
    }

    @POST
    @Path("accounts/{appId}/fans:seed")
    public Response seed(@PathParam("appId") String appId, String body) {
        return run(() -> control().seedFans(appId, ControlApi.parse(body)));
    }

    @GET
    @Path("accounts/{appId}/fans")
    public Response fans(@PathParam("appId") String appId, @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("100") int limit) {
        return run(() -> control().listFans(appId, offset, limit));
    }

    @GET
    @Path("accounts/{appId}/fans/{openid}")
    public Response fan(@PathParam("appId") String appId, @PathParam("openid") String openid) {
        return run(() -> control().getFan(appId, openid));
    }

    @POST
    @Path("accounts/{appId}/fans/{openid}")
    public Response updateFan(@PathParam("appId") String appId, @PathParam("openid") String openid, String body) {
        return run(() -> control().updateFan(appId, openid, ControlApi.parse(body)));
    }

    @GET
    @Path("accounts/{appId}/faults")
    public Response faults(@PathParam("appId") String appId) {
        return run(() -> control().getFaults(appId));
    }

    @POST
    @Path("accounts/{appId}/faults")
    public Response setFaults(@PathParam("appId") String appId, String body) {
        return run(() -> control().setFaults(appId, ControlApi.parse(body)));
    }

    @DELETE
    @Path("accounts/{appId}/faults")
    public Response clearFaults(@PathParam("appId") String appId) {
        return run(() -> control().clearFaults(appId));
    }

    @GET
    @Path("errcodes")
    public Response errcodes() {
        return run(() -> control().errcodes());
    }

    @GET
    @Path("endpoints")
    public Response endpointRules() {
        return run(() -> control().endpointRules());
    }

    @GET
    @Path("accounts/{appId}/switches")
    public Response switches(@PathParam("appId") String appId) {
        return run(() -> control().getSwitches(appId));
    }

    @POST
    @Path("accounts/{appId}/switches")
    public Response setSwitches(@PathParam("appId") String appId, String body) {
        return run(() -> control().setSwitches(appId, ControlApi.parse(body)));
    }

    @DELETE
    @Path("accounts/{appId}/switches")
    public Response clearSwitches(@PathParam("appId") String appId) {
        return run(() -> control().clearSwitches(appId));
    }

    @GET
    @Path("accounts/{appId}/faults:inject")
    public Response injections(@PathParam("appId") String appId) {
        return run(() -> control().injections(appId));
    }

    @POST
    @Path("accounts/{appId}/faults:inject")
    public Response inject(@PathParam("appId") String appId, String body) {
        return run(() -> control().inject(appId, ControlApi.parse(body)));
    }

    @DELETE
    @Path("accounts/{appId}/faults:inject")
    public Response clearInjections(@PathParam("appId") String appId) {
        return run(() -> control().clearInjections(appId));
    }

    @GET
    @Path("accounts/{appId}/ips")
    public Response ips(@PathParam("appId") String appId) {
        return run(() -> control().ips(appId));
    }

    @POST
    @Path("accounts/{appId}/ips/{ip}")
    public Response decideIp(@PathParam("appId") String appId, @PathParam("ip") String ip, String body) {
        return run(() -> control().decideIp(appId, ip, ControlApi.parse(body)));
    }

    @POST
    @Path("accounts/{appId}/callback:verify")
    public Response verifyCallback(@PathParam("appId") String appId) {
        return run(() -> control().verifyCallback(appId));
    }

    @GET
    @Path("accounts/{appId}/outcomes")
    public Response outcomes(@PathParam("appId") String appId) {
        return run(() -> control().getOutcomes(appId));
    }

    @POST
    @Path("accounts/{appId}/outcomes")
    public Response setOutcomes(@PathParam("appId") String appId, String body) {
        return run(() -> control().setOutcomes(appId, ControlApi.parse(body)));
    }

    @GET
    @Path("accounts/{appId}/categories")
    public Response categories(@PathParam("appId") String appId) {
        return run(() -> control().getCategories(appId));
    }

    @PUT
    @Path("accounts/{appId}/categories")
    public Response setCategories(@PathParam("appId") String appId, String body) {
        return run(() -> control().setCategories(appId, ControlApi.parse(body)));
    }

    @GET
    @Path("accounts/{appId}/templates")
    public Response templates(@PathParam("appId") String appId) {
        return run(() -> control().listTemplates(appId));
    }

    @PATCH
    @Path("accounts/{appId}/templates/{templateId}")
    public Response editTemplate(@PathParam("appId") String appId, @PathParam("templateId") String templateId,
                                 String body) {
        return run(() -> control().editTemplate(appId, templateId, ControlApi.parse(body)));
    }

    @POST
    @Path("accounts/{appId}/simulate")
    public Response simulate(@PathParam("appId") String appId, String body) {
        return run(() -> control().simulate(appId, ControlApi.parse(body)));
    }

    @POST
    @Path("accounts/{appId}/simulate:replay")
    public Response replay(@PathParam("appId") String appId) {
        return run(() -> control().replay(appId));
    }

    @GET
    @Path("accounts/{appId}/ledger")
    public Response ledger(@PathParam("appId") String appId, @QueryParam("openid") String openid,
                           @QueryParam("kind") String kind, @QueryParam("limit") @DefaultValue("100") int limit,
                           @QueryParam("since") @DefaultValue("0") long since) {
        return run(() -> control().ledger(appId, openid, kind, limit, since));
    }

    @GET
    @Path("accounts/{appId}/ledger:page")
    public Response ledgerPage(@PathParam("appId") String appId,
                               @QueryParam("clientMsgIdPrefix") String clientMsgIdPrefix,
                               @QueryParam("msgid") String msgid, @QueryParam("after") String after,
                               @QueryParam("limit") @DefaultValue("1000") int limit) {
        return run(() -> control().ledgerPage(appId, clientMsgIdPrefix, msgid, after, limit));
    }

    @GET
    @Path("accounts/{appId}/ledger:summary")
    public Response ledgerSummary(@PathParam("appId") String appId) {
        return run(() -> control().ledgerSummary(appId));
    }

    @GET
    @Path("accounts/{appId}/pushes")
    public Response pushes(@PathParam("appId") String appId, @QueryParam("limit") @DefaultValue("50") int limit,
                           @QueryParam("label") String label, @QueryParam("openid") String openid) {
        return run(() -> control().pushes(appId, limit, label, openid));
    }

    private static Response run(Supplier<JsonObject> action) {
        try {
            return Response.ok(action.get().toString(), JSON).build();
        } catch (ControlException e) {
            return error(e.status(), e.getMessage());
        } catch (WeChatException e) {
            return error(400, e.errcode() + " " + e.errmsg());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox control request failed", e);
            return error(500, "sandbox error: " + e);
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Jsons.object().add("error", message).build().toString())
                .type(JSON).build();
    }
}
