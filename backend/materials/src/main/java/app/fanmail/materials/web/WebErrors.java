package app.fanmail.materials.web;

import java.util.Optional;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The REST endpoints' errors, JSON {@code {code, field, message}} as the audiences uploads answer them, and their role checks. */
final class WebErrors {
    private WebErrors() {
    }

    static Response error(Response.Status status, String code, String field, String message) {
        var b = JsonFactories.object().add("code", code).add("message", message);
        if (field != null) {
            b.add("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(b.build()).build();
    }

    /** The refusal when the caller is not signed in or lacks the role; empty when allowed. */
    static Optional<Response> refuse(Role required) {
        Optional<Viewer> viewer = CurrentViewer.get();
        if (viewer.isEmpty()) {
            return Optional.of(error(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", null, "Sign in first."));
        }
        if (!viewer.get().has(required)) {
            return Optional.of(error(Response.Status.FORBIDDEN, "FORBIDDEN", null, "This needs the " + required + " role."));
        }
        return Optional.empty();
    }

    static String user() {
        return CurrentViewer.get().map(Viewer::username).orElse(null);
    }
}
