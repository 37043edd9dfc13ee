package app.fanmail.sandbox.push;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Sends one HTTP POST; an exception or a timeout is a failed attempt. */
public interface Transport {

    Reply post(URI uri, byte[] body, String contentType, Duration timeout) throws IOException, InterruptedException;

    record Reply(int status, String body) {
    }
}
