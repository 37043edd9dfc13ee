package app.fanmail.sandbox.web;

import app.fanmail.sandbox.world.ApiCall;
import app.fanmail.sandbox.world.ApiResult;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * WeChat's API surface: every {@code cgi-bin/…}, {@code wxa/…} and {@code wxaapi/…} path, GET and POST alike, any
 * content type. A plain servlet rather than a JAX-RS resource: these are the sandbox's hot paths under load (template
 * sends, batchget), and JAX-RS dispatch, parameter validation and a bean per request cost about as much CPU as the
 * answer itself. Answers are computed at once; injected latency and hangs hold the response back on the managed
 * scheduler (an asynchronous request) instead of blocking a request thread.
 */
@WebServlet(urlPatterns = {"/cgi-bin/*", "/wxa/*", "/wxaapi/*"}, asyncSupported = true)
public class WeChatApiServlet extends HttpServlet {

    @Inject
    transient SandboxRuntime runtime;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(new ApiCall("GET", path(req), query(req.getQueryString()), null, null, false), req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int max = runtime.maxBodyBytes();
        InputStream body = req.getInputStream();
        byte[] bytes = body.readNBytes(max + 1);
        boolean tooLarge = bytes.length > max;
        if (tooLarge) {
            body.transferTo(java.io.OutputStream.nullOutputStream()); // drain and discard
        }
        answer(new ApiCall("POST", path(req), query(req.getQueryString()), tooLarge ? new byte[0] : bytes,
                req.getHeader("Content-Type"), tooLarge), req, resp);
    }

    private void answer(ApiCall call, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiResult result = runtime.api().handle(call.withClientIp(req.getRemoteAddr()).withHost(req.getHeader("Host")));
        if (result.delayMs() <= 0) {
            write(result, resp);
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0); // hangs are the fault's to end, as with WeChat
        runtime.later(() -> {
            try {
                write(result, (HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException e) {
                // the client has gone (e.g. it timed out first): nothing to answer
            } finally {
                async.complete();
            }
        }, result.delayMs());
    }

    private static void write(ApiResult result, HttpServletResponse resp) throws IOException {
        resp.setStatus(result.status());
        resp.setContentType(result.contentType());
        result.headers().forEach(resp::setHeader);
        resp.setContentLength(result.body().length);
        resp.getOutputStream().write(result.body());
    }

    /** The path after the context root, e.g. {@code cgi-bin/user/info/batchget}. */
    private static String path(HttpServletRequest req) {
        String info = req.getPathInfo();
        return info == null ? req.getServletPath() : req.getServletPath() + info;
    }

    /** The query string's parameters, decoded as forms are; the first value of a repeated name wins; a name
     * without {@code =} has the value "" (as JAX-RS's query parameters had). */
    static Map<String, String> query(String queryString) {
        Map<String, String> q = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return q;
        }
        int start = 0;
        while (start <= queryString.length()) {
            int amp = queryString.indexOf('&', start);
            int end = amp < 0 ? queryString.length() : amp;
            if (end > start) {
                int eq = queryString.indexOf('=', start);
                String name = decode(queryString.substring(start, eq < 0 || eq > end ? end : eq));
                String value = eq < 0 || eq > end ? "" : decode(queryString.substring(eq + 1, end));
                q.putIfAbsent(name, value);
            }
            start = end + 1;
        }
        return q;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape: the raw text, which no token or id matches
        }
    }
}
