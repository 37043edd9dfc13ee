package app.fanmail.audiences.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.audiences.application.StoredUpload;
import app.fanmail.audiences.application.UploadService;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/audiences/uploads?accountId=…&name=…}: an openid list as {@code text/csv} (optional header; the
 * column named openid, else the first, holds the openids; the other columns are kept per line) or {@code text/plain}
 * (one openid per line), UTF-8, a byte order mark tolerated. The body is streamed into the database, never held in
 * memory, up to {@code fanmail.audiences.upload-max-bytes} (default 64 MB; the server's own request limit stays small
 * and the kernel's RequestBodyLimit raises it for this request only, see {@link UploadLargeBody}). Operators and admins; the authentication filter has checked the session
 * cookie, the CSRF header and the Origin. Answers 201 with the upload's id and counts; problems per line are read
 * through GraphQL ({@code upload(id) { problems }}). Errors are JSON {@code {code, field, message}}: 400 for a bad
 * name or file, 404 for an unknown account, 413 beyond the size limit, 401/403 without the right role.
 */
@Path("/audiences/uploads")
@RequestScoped
public class UploadResource {
    private static final Logger LOG = Logger.getLogger(UploadResource.class.getName());

    @Inject
    UploadService uploads;

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("accountId") String accountId, @QueryParam("name") String name,
                           @HeaderParam("Content-Type") MediaType type, @HeaderParam("Content-Length") Long length, InputStream body) {
        Optional<Viewer> viewer = CurrentViewer.get();
        if (viewer.isEmpty()) {
            return error(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", null, "Sign in first.");
        }
        if (!viewer.get().has(Role.OPERATOR)) {
            return error(Response.Status.FORBIDDEN, "FORBIDDEN", null, "This needs the OPERATOR role.");
        }
        long limit = uploads.maxBytes();
        if (length != null && length > limit) {
            return tooLarge(limit);
        }
        boolean csv = type == null || !type.isCompatible(MediaType.TEXT_PLAIN_TYPE);
        try {
            StoredUpload u = uploads.ingest(Ids.parse(accountId).orElse(null), name, csv, body);
            return Response.status(Response.Status.CREATED).entity(JsonFactories.object()
                    .add("id", u.id().toString()).add("status", u.status().name()).add("totalLines", u.totalLines()).add("valid", u.valid())
                    .add("invalid", u.invalid()).add("unknown", u.unknown()).add("duplicates", u.duplicates()).build()).build();
        } catch (UploadService.TooLargeException e) {
            return tooLarge(e.limit());
        } catch (UserErrorsException e) {
            UserError first = e.errors().get(0);
            return error("NOT_FOUND".equals(first.code()) ? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST, first.code(),
                    first.field(), first.message());
        } catch (IOException e) {
            LOG.log(Level.FINE, "An upload could not be read to its end", e);
            return error(Response.Status.BAD_REQUEST, "UPLOAD_INTERRUPTED", null, "The upload could not be read to its end.");
        }
    }

    private static Response tooLarge(long limit) {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "UPLOAD_TOO_LARGE", null,
                "The upload is larger than " + limit + " bytes; split the list into several uploads.");
    }

    private static Response error(Response.Status status, String code, String field, String message) {
        var b = JsonFactories.object().add("code", code).add("message", message);
        if (field != null) {
            b.add("field", field);
        }
        JsonObject body = b.build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
