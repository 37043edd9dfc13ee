package app.fanmail.app;

import java.sql.Connection;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready when the migrations ran and PostgreSQL answers. Served at :9990/health/ready. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource dataSource;
    @Inject
    DatabaseMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        boolean reachable;
        try (Connection c = dataSource.getConnection()) {
            reachable = c.isValid(2);
        } catch (Exception e) {
            reachable = false;
        }
        return HealthCheckResponse.named("database")
                .status(reachable && migrations.done())
                .withData("reachable", reachable)
                .withData("migrated", migrations.done())
                .build();
    }
}
