package app.fanmail.identity.web;

import app.fanmail.identity.application.SessionService;
import app.fanmail.identity.application.SessionService.Busy;
import app.fanmail.identity.application.SessionService.Refused;
import app.fanmail.identity.application.SessionService.SignInResult;
import app.fanmail.identity.application.SessionService.SignedIn;
import app.fanmail.identity.application.SessionService.Throttled;
import app.fanmail.identity.application.UserService;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.identity.application.SessionService.TooLong;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Viewer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in and sign-out. The only unauthenticated API besides WeChat's callbacks; the filter has
 * already checked the CSRF header and Origin for POST and DELETE.
 */
@Path("/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    @Inject
    SessionService sessions;
    @Inject
    UserService users;
    @Inject
    ClientAddresses clientAddresses;
    @Inject
    @ConfigProperty(name = "fanmail.session.secure-cookie", defaultValue = "auto")
    String secureCookie;

    public record SignInRequest(String username, String password) {
    }

    /** The signed-in user; {@code mustChangePassword}: only POST /api/session/password is open until a new password is chosen. */
    public record ViewerBody(String id, String username, String role, boolean mustChangePassword) {
        static ViewerBody of(Viewer viewer) {
            return new ViewerBody(viewer.userId().toString(), viewer.username(), viewer.role().name(), viewer.mustChangePassword());
        }
    }

    public record ErrorBody(String code, String message, Long retryAfterSeconds) {
    }

    public record PasswordChangeRequest(String currentPassword, String newPassword) {
    }

    public record PasswordChangeRefusal(String code, String message, java.util.List<UserError> userErrors) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignInRequest body, @Context HttpServletRequest request) {
        if (body == null || body.username() == null || body.password() == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ErrorBody("CREDENTIALS_REQUIRED", "Send a username and a password.", null)).build();
        }
        SignInResult result = sessions.signIn(body.username(), body.password(), request.getHeader("User-Agent"), clientAddresses.of(request));
        if (result instanceof TooLong) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ErrorBody("CREDENTIALS_TOO_LONG", "A username has at most " + SessionService.USERNAME_INPUT_MAX
                            + " characters and a password at most " + SessionService.PASSWORD_INPUT_MAX + ".", null)).build();
        }
        if (result instanceof Busy) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", 1)
                    .entity(new ErrorBody("SIGN_IN_BUSY", "Too many sign-ins at once; try again in a moment.", 1L)).build();
        }
        if (result instanceof SignedIn signedIn) {
            return Response.ok(ViewerBody.of(signedIn.viewer()))
                    .header("Set-Cookie", SessionCookie.set(signedIn.token(), signedIn.maxAge(), secure(request)))
                    .header("Cache-Control", "no-store")
                    .build();
        }
        if (result instanceof Throttled throttled) {
            long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
            return Response.status(429).header("Retry-After", seconds)
                    .entity(new ErrorBody("TOO_MANY_ATTEMPTS", "Too many failed sign-ins; try again in " + seconds + " s.", seconds)).build();
        }
        assert result instanceof Refused;
        return Response.status(Response.Status.UNAUTHORIZED)
                .entity(new ErrorBody("INVALID_CREDENTIALS", "Wrong username or password.", null)).build();
    }

    /**
     * The signed-in user, or 204 No Content when nobody is: the UI probes the session on every
     * load, and "not signed in" is an answer, not an error (a 401 would log a console error in
     * every visitor's browser).
     */
    @GET
    public Response current() {
        return CurrentViewer.get()
                .map(v -> Response.ok(ViewerBody.of(v)).header("Cache-Control", "no-store").build())
                .orElseGet(() -> Response.noContent().header("Cache-Control", "no-store").build());
    }

    /**
     * The signed-in user chooses a new password (the only call open while one is required); the user's
     * other sessions end, this one continues. 400 with userErrors when refused.
     */
    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChangeRequest body, @Context HttpServletRequest request) {
        Viewer viewer = CurrentViewer.get().orElse(null);
        if (viewer == null) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(new ErrorBody("UNAUTHENTICATED", "Not signed in.", null)).build();
        }
        String token = SessionCookie.read(request);
        try {
            var user = users.changeOwnPassword(viewer, body == null ? null : body.currentPassword(), body == null ? null : body.newPassword(),
                    token == null ? null : SessionService.hash(token));
            return Response.ok(ViewerBody.of(new Viewer(user.id(), user.username(), user.role(), user.mustChangePassword())))
                    .header("Cache-Control", "no-store").build();
        } catch (UserErrorsException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new PasswordChangeRefusal(e.errors().get(0).code(), e.errors().get(0).message(), e.errors())).build();
        }
    }

    @DELETE
    public Response signOut(@Context HttpServletRequest request) {
        sessions.signOut(SessionCookie.read(request));
        return Response.noContent().header("Set-Cookie", SessionCookie.clear(secure(request))).build();
    }

    private boolean secure(HttpServletRequest request) {
        return switch (secureCookie) {
            case "true" -> true;
            case "false" -> false;
            default -> request.isSecure();
        };
    }
}
