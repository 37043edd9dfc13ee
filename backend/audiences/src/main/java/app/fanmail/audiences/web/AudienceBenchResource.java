package app.fanmail.audiences.web;

import java.util.UUID;

import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Benchmark of the snapshot path dispatch uses (wildfly-config/bench/audience-count.sh): takes a snapshot of the
 * account's ALL audience through {@link Audiences#snapshot}, streams every recipient through {@link Audiences#read} in
 * chunks, deletes the snapshot, and reports the times. Exists only when {@code fanmail.bench.enabled} is true (404
 * otherwise); admins only.
 */
@ApplicationScoped
@Path("/bench/audiences")
public class AudienceBenchResource {
    @Inject
    @ConfigProperty(name = "fanmail.bench.enabled", defaultValue = "false")
    boolean benchEnabled;
    @Inject
    Audiences audiences;

    @POST
    @Path("/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject snapshot(@QueryParam("account") UUID accountId, @QueryParam("chunk") int chunk,
                               @QueryParam("purpose") String purpose) {
        if (!benchEnabled) {
            throw new NotFoundException();
        }
        CurrentViewer.require(Role.ADMIN);
        if (accountId == null || chunk < 1 || chunk > 10_000) {
            throw new BadRequestException("account and chunk (1..10000) are required");
        }
        Purpose p = purpose == null ? Purpose.TEMPLATE : Purpose.valueOf(purpose);
        long t0 = System.nanoTime();
        AudienceSnapshot s = audiences.snapshot(accountId, new AudienceSelector.All(), p);
        long t1 = System.nanoTime();
        long read = 0;
        long chunks = 0;
        long after = 0;
        RecipientChunk c;
        do {
            c = audiences.read(s.id(), after, chunk);
            read += c.recipients().size();
            after = c.lastSeq();
            chunks++;
        } while (c.more());
        long t2 = System.nanoTime();
        audiences.deleteSnapshot(s.id());
        long t3 = System.nanoTime();
        return JsonFactories.object().add("total", s.count().total()).add("reachable", s.count().reachable()).add("read", read)
                .add("chunks", chunks).add("snapshotMs", (t1 - t0) / 1_000_000).add("readMs", (t2 - t1) / 1_000_000)
                .add("deleteMs", (t3 - t2) / 1_000_000).build();
    }
}
