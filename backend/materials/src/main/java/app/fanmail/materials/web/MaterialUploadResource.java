package app.fanmail.materials.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.security.Role;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.application.MaterialLibrary;
import app.fanmail.materials.application.StoredMaterial;
import app.fanmail.materials.domain.MaterialRules;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/materials/uploads?accountId=…&kind=IMAGE|VOICE|VIDEO|THUMB&name=…[&title=…&description=…]}: the file
 * itself as the body (any content type: the format is read from the bytes), at most
 * {@code fanmail.materials.upload-max-bytes} (10 MB, WeChat's largest file; the server's own request limit stays small
 * and the kernel's RequestBodyLimit raises it for this path only). Checked against WeChat's rules for the kind (size,
 * format, voice duration, library cap), added to the account's library on WeChat, stored with Fanmail's copy. Operators
 * and admins; the authentication filter has checked the CSRF header and the Origin. Answers 201 with the material's id,
 * kind, media id and name; errors are JSON {@code {code, field, message}}: 400 for a file or field WeChat would refuse,
 * 404 for an unknown account, 413 beyond the size limit, 502 when WeChat refused or failed, 401/403 without the right role.
 */
@Path("/materials/uploads")
@RequestScoped
public class MaterialUploadResource {
    static final String PATH = "/api/materials/uploads";
    private static final Logger LOG = Logger.getLogger(MaterialUploadResource.class.getName());

    @Inject
    MaterialLibrary library;
    @Inject
    UploadSlots slots;
    @Inject
    @ConfigProperty(name = "fanmail.materials.upload-max-bytes", defaultValue = "10485760")
    long maxBytes;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("accountId") String accountId, @QueryParam("kind") String kind, @QueryParam("name") String name,
                           @QueryParam("title") String title, @QueryParam("description") String description,
                           @HeaderParam("Content-Length") Long length, InputStream body) {
        if (!slots.tryAcquire()) {
            return UploadSlots.busy();
        }
        try {
            return read(accountId, kind, name, title, description, length, body);
        } finally {
            slots.release();
        }
    }

    private Response read(String accountId, String kind, String name, String title, String description, Long length, InputStream body) {
        var refused = WebErrors.refuse(Role.OPERATOR);
        if (refused.isPresent()) {
            return refused.get();
        }
        MaterialKind materialKind;
        try {
            materialKind = MaterialKind.valueOf(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            return WebErrors.error(Response.Status.BAD_REQUEST, "KIND_REQUIRED", "kind", "Say which kind of material this is: IMAGE, VOICE, VIDEO or THUMB.");
        }
        long limit = Math.min(maxBytes, MaterialRules.maxBytes(materialKind));
        if (length != null && length > limit) {
            return tooLarge(materialKind, limit);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) limit + 1);
        } catch (IOException e) {
            LOG.log(Level.FINE, "A material upload could not be read to its end", e);
            return WebErrors.error(Response.Status.BAD_REQUEST, "UPLOAD_INTERRUPTED", null, "The upload could not be read to its end.");
        }
        if (bytes.length > limit) {
            return tooLarge(materialKind, limit);
        }
        try {
            StoredMaterial m = library.upload(new MaterialLibrary.UploadRequest(Ids.parse(accountId).orElse(null), materialKind, name, title,
                    description, bytes), WebErrors.user());
            return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonFactories.object()
                    .add("id", m.id().toString()).add("kind", m.kind().name()).add("mediaId", m.mediaId()).add("name", m.name()).build()).build();
        } catch (UserErrorsException e) {
            UserError first = e.errors().get(0);
            Response.Status status = "NOT_FOUND".equals(first.code()) ? Response.Status.NOT_FOUND
                    : first.code().startsWith("WECHAT_") ? Response.Status.BAD_GATEWAY : Response.Status.BAD_REQUEST;
            return WebErrors.error(status, first.code(), first.field(), first.message());
        }
    }

    private static Response tooLarge(MaterialKind kind, long limit) {
        return WebErrors.error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "FILE_TOO_LARGE", "file",
                "WeChat takes " + kind.name().toLowerCase() + " files of at most " + limit + " bytes.");
    }
}
