package app.fanmail.materials.web;

import java.util.Optional;
import java.util.UUID;

import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.security.Role;
import app.fanmail.materials.application.MaterialLibrary;
import app.fanmail.materials.application.MaterialRepository.StoredFile;
import app.fanmail.materials.application.MaterialRepository.Variant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/**
 * Fanmail's copies of materials for the UI: {@code GET /api/materials/{id}/file} (the original: image, voice, video,
 * with byte ranges for the players) and {@code GET /api/materials/{id}/preview} (an image's small JPEG). Signed-in
 * users only; the type served is the one Fanmail read from the bytes, never sniffed by the browser
 * ({@code nosniff}), and the response is sandboxed so nothing in a file can run in Fanmail's origin.
 */
@Path("/materials/{id}")
@RequestScoped
public class MaterialFileResource {
    @Inject
    MaterialLibrary library;

    @GET
    @Path("file")
    public Response file(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("Range") String range) {
        return serve(id, Variant.ORIGINAL, ifNoneMatch, range);
    }

    @GET
    @Path("preview")
    public Response preview(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return serve(id, Variant.PREVIEW, ifNoneMatch, null);
    }

    private Response serve(String id, Variant variant, String ifNoneMatch, String range) {
        var refused = WebErrors.refuse(Role.VIEWER);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<UUID> materialId = Ids.parse(id);
        Optional<StoredFile> file = materialId.flatMap(m -> library.file(m, variant));
        if (file.isEmpty()) {
            return WebErrors.error(Response.Status.NOT_FOUND, "NOT_FOUND", "id", "No such file.");
        }
        StoredFile f = file.get();
        EntityTag tag = new EntityTag(f.sha256());
        if (ifNoneMatch != null && ifNoneMatch.replace("\"", "").strip().equals(f.sha256())) {
            return Response.notModified(tag).build();
        }
        byte[] bytes = f.bytes();
        Response.ResponseBuilder b;
        long[] span = ByteRanges.parse(range, bytes.length);
        if (span != null) {
            int from = (int) span[0];
            int to = (int) span[1];
            byte[] part = java.util.Arrays.copyOfRange(bytes, from, to + 1);
            b = Response.status(206).entity(part).header("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
        } else if (range != null && range.startsWith("bytes=")) {
            return Response.status(416).header("Content-Range", "bytes */" + bytes.length).build();
        } else {
            b = Response.ok(bytes);
        }
        return b.type(f.contentType()).tag(tag).header("Accept-Ranges", "bytes").header("Cache-Control", "private, max-age=86400")
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Content-Disposition", "inline").build();
    }
}
