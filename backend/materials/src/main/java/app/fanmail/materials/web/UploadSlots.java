package app.fanmail.materials.web;

import java.util.concurrent.Semaphore;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many file uploads (materials and article images) this node reads at once: each holds up to 10 MB in memory
 * (and a preview being made), so a burst of parallel uploads must not exhaust the heap. Beyond
 * {@code fanmail.materials.concurrent-uploads} (default 4) an upload is answered 503 with Retry-After and read not at all.
 */
@ApplicationScoped
public class UploadSlots {
    @Inject
    @ConfigProperty(name = "fanmail.materials.concurrent-uploads", defaultValue = "4")
    int permits;

    private Semaphore slots;

    @PostConstruct
    void create() {
        slots = new Semaphore(Math.max(1, permits));
    }

    boolean tryAcquire() {
        return slots.tryAcquire();
    }

    void release() {
        slots.release();
    }

    static Response busy() {
        return Response.fromResponse(WebErrors.error(Response.Status.SERVICE_UNAVAILABLE, "UPLOADS_BUSY", null,
                "The server is reading other uploads; try again in a moment.")).header("Retry-After", "2").build();
    }
}
