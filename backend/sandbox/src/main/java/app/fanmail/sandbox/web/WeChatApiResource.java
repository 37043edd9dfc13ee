package app.fanmail.sandbox.web;

import app.fanmail.sandbox.world.ApiCall;
import app.fanmail.sandbox.world.ApiResult;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WeChat's API surface: every {@code cgi-bin/…}, {@code wxa/…} and {@code wxaapi/…} path, GET and POST alike, any
 * content type.
 * Answers are computed at once; injected latency and hangs hold the response back on the managed scheduler
 * instead of blocking a request thread.
 */
@Path("/")
public class WeChatApiResource {

    private static final String PATH = "{path: (?:cgi-bin|wxa|wxaapi)/.+}";

    @Inject
    SandboxRuntime runtime;

    @Context
    HttpServletRequest request;

    @GET
    @Path(PATH)
    public void get(@PathParam("path") String path, @Context UriInfo uri, @Suspended AsyncResponse response) {
        answer(new ApiCall("GET", path, query(uri), null, null, false), response);
    }

    @POST
    @Path(PATH)
    @Consumes("*/*")
    public void post(@PathParam("path") String path, @Context UriInfo uri,
                     @HeaderParam("Content-Type") String contentType, InputStream body,
                     @Suspended AsyncResponse response) throws IOException {
        int max = runtime.maxBodyBytes();
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(max + 1);
        boolean tooLarge = bytes.length > max;
        if (tooLarge) {
            body.transferTo(java.io.OutputStream.nullOutputStream()); // drain and discard
        }
        answer(new ApiCall("POST", path, query(uri), tooLarge ? new byte[0] : bytes, contentType, tooLarge),
                response);
    }

    private void answer(ApiCall call, AsyncResponse response) {
        ApiResult result = runtime.api().handle(call.withClientIp(request.getRemoteAddr()));
        // Undertow writes the charset parameter without the space ("application/json;charset=utf-8")
        Response.ResponseBuilder rb = Response.status(result.status()).entity(result.body()).type(result.contentType());
        result.headers().forEach(rb::header);
        Response r = rb.build();
        if (result.delayMs() > 0) {
            runtime.later(() -> response.resume(r), result.delayMs());
        } else {
            response.resume(r);
        }
    }

    private static Map<String, String> query(UriInfo uri) {
        Map<String, String> q = new HashMap<>();
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!e.getValue().isEmpty()) {
                q.put(e.getKey(), e.getValue().get(0));
            }
        }
        return q;
    }
}
