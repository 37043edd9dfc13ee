package app.fanmail.sandbox.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A receiver that does nothing: answers WeChat's URL verification with its {@code echostr} and every push with
 * {@code success}, after reading the body. Pointing an account's callback URL here measures how fast the sandbox
 * itself pushes (signing, encryption, XML, HTTP) without a real receiver's cost ({@code wildfly-config/bench/
 * sandbox-load.sh}). Loopback callers only; it stores nothing.
 */
@WebServlet(urlPatterns = "/_sink")
public class PushSinkServlet extends HttpServlet {
    private static final byte[] SUCCESS = "success".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!loopback(req, resp)) {
            return;
        }
        String echo = req.getParameter("echostr");
        resp.setContentType("text/plain; charset=utf-8");
        resp.getOutputStream().write((echo == null ? "" : echo).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!loopback(req, resp)) {
            return;
        }
        req.getInputStream().transferTo(OutputStream.nullOutputStream());
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(SUCCESS.length);
        resp.getOutputStream().write(SUCCESS);
    }

    private static boolean loopback(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String a = req.getRemoteAddr();
        if (a != null && (a.startsWith("127.") || a.equals("0:0:0:0:0:0:0:1") || a.equals("::1"))) {
            return true;
        }
        resp.sendError(HttpServletResponse.SC_FORBIDDEN);
        return false;
    }
}
