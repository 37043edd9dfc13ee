package app.fanmail.wechat.infrastructure;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The WeChat sandbox's control API (not WeChat's): registering accounts, seeding fans, simulating fan
 * activity. The sandbox answers it to loopback callers, or to callers sending its control token
 * ({@code fanmail.sandbox.control-token}), which this client sends when configured.
 */
@Path("/_sandbox")
@org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam(name = "X-Sandbox-Control-Token", value = "{controlToken}", required = false)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SandboxControl {
    /** The configured control token, or null (the header is then left out). */
    default String controlToken() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("fanmail.sandbox.control-token", String.class).filter(t -> !t.isBlank()).orElse(null);
    }

    /** Creates or replaces an account with a fresh state. */
    @POST
    @Path("/accounts")
    JsonObject registerAccount(JsonObject account);

    /** Changes an existing account's settings and keeps its state (fans, ledger); 404 when unknown. */
    @POST
    @Path("/accounts/{appId}/config")
    JsonObject configureAccount(@PathParam("appId") String appId, JsonObject account);

    @POST
    @Path("/accounts/{appId}/fans:seed")
    JsonObject seedFans(@PathParam("appId") String appId, JsonObject request);

    /** The public template library shared by all sandbox accounts. */
    @jakarta.ws.rs.GET
    @Path("/templates/library")
    JsonObject library();

    @POST
    @Path("/accounts/{appId}/simulate")
    JsonObject simulate(@PathParam("appId") String appId, JsonObject activity);
}
