package app.fanmail.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** REST endpoints live under {@code /api}: sign-in and WeChat's callback pushes. GraphQL is at {@code /graphql}. */
@ApplicationPath("/api")
public class FanmailApi extends Application {
}
