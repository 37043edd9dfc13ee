package app.fanmail.history.web;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.history.application.RecipientExport;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code GET /api/history/jobs/{jobId}/recipients.csv?states=FAILED,SKIPPED}: a job's recipients (all, or those in the
 * given states) as a CSV download, streamed while it is read ({@link RecipientExport}: UTF-8 with a byte order mark for
 * Excel, CRLF, cells defused against formula injection). Everyone signed in (VIEWER); the authentication filter has
 * bound the session's viewer. Errors are JSON {@code {code, field, message}}: 401 without a session, 404 for an unknown
 * job, 400 for an unknown state.
 */
@Path("/history/jobs/{jobId}/recipients.csv")
@RequestScoped
public class RecipientExportResource {
    @Inject
    Dispatch dispatch;
    @Inject
    RecipientExport export;

    @GET
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response export(@PathParam("jobId") String jobId, @QueryParam("states") String states) {
        Optional<Viewer> viewer = CurrentViewer.get();
        if (viewer.isEmpty()) {
            return error(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", null, "Sign in first.");
        }
        if (!viewer.get().has(Role.VIEWER)) {
            return error(Response.Status.FORBIDDEN, "FORBIDDEN", null, "This needs the VIEWER role.");
        }
        Set<RecipientState> wanted = EnumSet.noneOf(RecipientState.class);
        if (states != null && !states.isBlank()) {
            for (String s : states.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    wanted.add(RecipientState.valueOf(s.strip()));
                } catch (IllegalArgumentException e) {
                    return error(Response.Status.BAD_REQUEST, "STATE_UNKNOWN", "states", "No recipient state is called \"" + s.strip() + "\".");
                }
            }
        }
        Optional<DispatchJob> job = Ids.parse(jobId).flatMap(dispatch::job);
        if (job.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "NOT_FOUND", "jobId", "No such job.");
        }
        UUID id = job.get().id();
        StreamingOutput body = out -> export.write(id, wanted, out);
        return Response.ok(body, new MediaType("text", "csv", "UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"job-" + id + "-recipients.csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Response error(Response.Status status, String code, String field, String message) {
        var b = JsonFactories.object().add("code", code).add("message", message);
        if (field != null) {
            b.add("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(b.build()).build();
    }
}
