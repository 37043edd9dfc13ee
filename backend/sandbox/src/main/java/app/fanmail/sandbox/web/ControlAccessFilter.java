package app.fanmail.sandbox.web;

import app.fanmail.sandbox.world.Jsons;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Enforces {@link ControlAccess} on the control API; 403 with a JSON error otherwise. */
@Provider
@ControlAccess.Guarded
@Priority(Priorities.AUTHENTICATION)
public class ControlAccessFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(ControlAccessFilter.class.getName());

    @Context
    HttpServletRequest request;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.control-token")
    Optional<String> token;

    @Override
    public void filter(ContainerRequestContext context) {
        boolean forwarded = context.getHeaderString("X-Forwarded-For") != null || context.getHeaderString("Forwarded") != null
                || context.getHeaderString("X-Real-IP") != null;
        String address = request.getRemoteAddr();
        if (!ControlAccess.allowed(address, forwarded, context.getHeaderString(ControlAccess.HEADER), token.orElse(null))) {
            LOG.warning(() -> "Refused a sandbox control request from " + address + (forwarded ? " (forwarded)" : ""));
            context.abortWith(Response.status(Response.Status.FORBIDDEN).type("application/json; charset=utf-8")
                    .entity(Jsons.object().add("error", "The sandbox control API answers loopback callers or callers sending "
                            + ControlAccess.HEADER + " (fanmail.sandbox.control-token).").build().toString()).build());
        }
    }
}
