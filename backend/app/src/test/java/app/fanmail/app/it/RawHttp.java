package app.fanmail.app.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket: the request line is sent exactly as written, nothing normalised. */
final class RawHttp {
    record Response(int status, String head, String body) {
    }

    private RawHttp() {
    }

    static Response send(String baseUrl, String method, String rawPath, String headers, String body) {
        URI base = URI.create(baseUrl);
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String request = method + " " + rawPath + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Connection: close\r\n"
                + (headers == null ? "" : headers)
                + (body == null ? "" : "Content-Length: " + payload.length + "\r\n")
                + "\r\n";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            String response = readHead(socket.getInputStream());
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new Response(status, head, split < 0 ? "" : response.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes, or just the head of a 101 (the connection then stays open). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
            String text = all.toString(StandardCharsets.UTF_8);
            if (text.startsWith("HTTP/1.1 101") && text.contains("\r\n\r\n")) {
                return text;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
