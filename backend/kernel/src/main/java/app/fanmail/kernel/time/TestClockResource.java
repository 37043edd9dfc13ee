package app.fanmail.kernel.time;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test deployments only ({@code fanmail.test.clock-control=true}; otherwise every call is 404): moves Fanmail's clock
 * and the WeChat sandbox's clock together, so day, month and window rules can be tested in seconds.
 * {@code POST /api/test/clock?set=<ISO instant>} or {@code ?reset=true}, admins only (CSRF header as for every
 * {@code /api} call); answers Fanmail's and the sandbox's time.
 */
@Path("/test/clock")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TestClockResource {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    OffsetClock clock;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.enabled", defaultValue = "false")
    boolean sandboxEnabled;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.api-base-url", defaultValue = "http://127.0.0.1:8080/wechat-sandbox")
    String sandboxBaseUrl;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.control-token")
    Optional<String> controlToken;

    @GET
    public Response read() {
        Response refused = refused();
        return refused != null ? refused : Response.ok(body(null)).header("Cache-Control", "no-store").build();
    }

    /** {@code ?set=2026-01-31T16:00:01Z} moves both clocks to that instant; {@code ?reset=true} back to real time. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response move(@jakarta.ws.rs.QueryParam("set") String set, @jakarta.ws.rs.QueryParam("reset") boolean reset) {
        Response refused = refused();
        if (refused != null) {
            return refused;
        }
        if (reset == (set != null)) {
            return error(400, "CLOCK_INPUT_INVALID", "Give exactly one of set=<ISO-8601 instant> or reset=true.");
        }
        Instant target;
        try {
            target = reset ? null : Instant.parse(set);
        } catch (DateTimeParseException e) {
            return error(400, "CLOCK_INPUT_INVALID", "set must be an ISO-8601 instant such as 2026-01-31T16:00:01Z.");
        }
        String sandbox = null;
        if (sandboxEnabled) { // the sandbox first: if it refuses, Fanmail's clock stays where it was
            String payload = reset ? "{\"reset\":true}" : "{\"set\":\"" + target + "\"}";
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandboxBaseUrl.replaceAll("/+$", "") + "/_sandbox/clock"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(payload));
                controlToken.filter(t -> !t.isBlank()).ifPresent(t -> request.header("X-Sandbox-Control-Token", t));
                HttpResponse<String> res = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    return error(502, "SANDBOX_CLOCK_REFUSED", "The sandbox answered " + res.statusCode() + "; Fanmail's clock was not moved.");
                }
                sandbox = res.body();
            } catch (IOException e) {
                return error(502, "SANDBOX_UNREACHABLE", "The sandbox's control API could not be reached; Fanmail's clock was not moved.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(503, "INTERRUPTED", "Interrupted.");
            }
        }
        if (reset) {
            clock.setOffset(Duration.ZERO);
        } else {
            clock.set(target);
        }
        return Response.ok(body(sandbox)).header("Cache-Control", "no-store").build();
    }

    private Response refused() {
        if (!clock.controllable()) {
            return Response.status(404).build();
        }
        Optional<Viewer> viewer = CurrentViewer.get();
        if (viewer.isEmpty()) {
            return error(401, "UNAUTHENTICATED", "Not signed in.");
        }
        if (!viewer.get().has(Role.ADMIN)) {
            return error(403, "FORBIDDEN", "Only admins move the test clock.");
        }
        return null;
    }

    private String body(String sandbox) {
        return "{\"now\":\"" + clock.instant() + "\",\"offsetMillis\":" + clock.offset().toMillis()
                + (sandbox == null ? "" : ",\"sandbox\":" + sandbox) + "}";
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity("{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}").build();
    }
}
