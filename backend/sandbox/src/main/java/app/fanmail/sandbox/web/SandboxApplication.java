package app.fanmail.sandbox.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** WeChat's paths sit directly under the context root: {@code /wechat-sandbox/cgi-bin/token}. */
@ApplicationPath("/")
public class SandboxApplication extends Application {
}
