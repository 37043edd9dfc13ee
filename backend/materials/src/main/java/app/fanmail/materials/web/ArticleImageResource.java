package app.fanmail.materials.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.security.Role;
import app.fanmail.materials.application.ArticleImageFit;
import app.fanmail.materials.application.ArticleImageRepository.ArticleImage;
import app.fanmail.materials.application.ArticleImages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Images for article content. {@code POST /api/materials/article-images?accountId=…}: the image itself as the body
 * (jpg or png, read from the bytes; up to {@code fanmail.materials.article-image-max-bytes}, 10 MB; beyond WeChat's 1 MB
 * it is re-encoded as JPEG to fit), uploaded with WeChat's uploadimg unless the account has the same bytes already;
 * operators and admins; 201 {@code {id, url, wechatUrl}} where {@code url} is Fanmail's copy for the editor. Errors are
 * JSON {@code {code, field, message}} (400, 404 account, 413, 502 WeChat). {@code GET /api/materials/article-images/{id}}
 * serves Fanmail's copy to signed-in users (nosniff, sandboxed, ETag).
 */
@Path("/materials/article-images")
@RequestScoped
public class ArticleImageResource {
    static final String PATH = "/api/materials/article-images";
    private static final Logger LOG = Logger.getLogger(ArticleImageResource.class.getName());

    @Inject
    ArticleImages images;
    @Inject
    UploadSlots slots;
    @Inject
    @ConfigProperty(name = "fanmail.materials.article-image-max-bytes", defaultValue = "10485760")
    long maxBytes;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("accountId") String accountId, @HeaderParam("Content-Length") Long length, InputStream body) {
        if (!slots.tryAcquire()) {
            return UploadSlots.busy();
        }
        try {
            return read(accountId, length, body);
        } finally {
            slots.release();
        }
    }

    private Response read(String accountId, Long length, InputStream body) {
        var refused = WebErrors.refuse(Role.OPERATOR);
        if (refused.isPresent()) {
            return refused.get();
        }
        long limit = Math.min(maxBytes, ArticleImageFit.MAX_INPUT);
        if (length != null && length > limit) {
            return tooLarge(limit);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) limit + 1);
        } catch (IOException e) {
            LOG.log(Level.FINE, "An article image upload could not be read to its end", e);
            return WebErrors.error(Response.Status.BAD_REQUEST, "UPLOAD_INTERRUPTED", null, "The upload could not be read to its end.");
        }
        if (bytes.length > limit) {
            return tooLarge(limit);
        }
        try {
            ArticleImage i = images.upload(Ids.parse(accountId).orElse(null), bytes, null);
            return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonFactories.object()
                    .add("id", i.id().toString()).add("url", ArticleImages.PATH + i.id()).add("wechatUrl", i.wechatUrl()).build()).build();
        } catch (UserErrorsException e) {
            UserError first = e.errors().get(0);
            Response.Status status = "NOT_FOUND".equals(first.code()) ? Response.Status.NOT_FOUND
                    : "FILE_TOO_LARGE".equals(first.code()) ? Response.Status.REQUEST_ENTITY_TOO_LARGE
                    : first.code().startsWith("WECHAT_") ? Response.Status.BAD_GATEWAY : Response.Status.BAD_REQUEST;
            return WebErrors.error(status, first.code(), first.field(), first.message());
        }
    }

    @GET
    @Path("{id}")
    public Response file(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        var refused = WebErrors.refuse(Role.VIEWER);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<ArticleImage> image = Ids.parse(id).flatMap(images::find);
        if (image.isEmpty()) {
            return WebErrors.error(Response.Status.NOT_FOUND, "NOT_FOUND", "id", "No such image.");
        }
        ArticleImage i = image.get();
        EntityTag tag = new EntityTag(i.sha256());
        if (ifNoneMatch != null && ifNoneMatch.replace("\"", "").strip().equals(i.sha256())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(i.bytes()).type(i.contentType()).tag(tag).header("Cache-Control", "private, max-age=86400")
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Content-Disposition", "inline").build();
    }

    private static Response tooLarge(long limit) {
        return WebErrors.error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "FILE_TOO_LARGE", "file", "Images inside articles may be at most " + limit + " bytes.");
    }
}
