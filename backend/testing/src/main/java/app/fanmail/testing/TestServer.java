package app.fanmail.testing;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The server the tests run against: the provisioned WildFly on a port offset (100 unless
 * {@code -Dfanmail.test.port-offset=N}), so a local run on 8080 can stay up and two checkouts can test at once.
 */
public final class TestServer {
    public static final int PORT_OFFSET = Integer.getInteger("fanmail.test.port-offset", 100);
    public static final int HTTP_PORT = 8080 + PORT_OFFSET;
    public static final String BASE_URL = "http://127.0.0.1:" + HTTP_PORT;

    private TestServer() {
    }

    /** The WAR the build just produced ({@code fanmail.war} system property), deployed as is. */
    public static WebArchive fanmailWar() {
        return war("fanmail.war", "fanmail.war");
    }

    public static WebArchive war(String property, String name) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property " + property + " must name the built WAR; got " + path);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path)).as(WebArchive.class);
    }

    public static String adminPassword() {
        return System.getProperty("fanmail.test.admin.password");
    }
}
