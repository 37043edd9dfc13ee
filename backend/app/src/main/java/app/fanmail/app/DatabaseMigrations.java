package app.fanmail.app;

import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Migrates every module's schema at start-up, before anything else runs. Each module has its own
 * schema and its own Flyway history table in it, so modules version their tables independently.
 * Flyway's advisory lock keeps concurrent nodes from migrating twice. While PostgreSQL does not answer,
 * the migrations are retried with backoff (one log line per attempt) for at most
 * {@code fanmail.db.boot-wait} (default PT5M), then the deployment fails with a clear message. A failed
 * migration against a reachable database fails the deployment at once.
 */
@ApplicationScoped
public class DatabaseMigrations {
    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource dataSource;
    @Inject
    Instance<ModuleSchema> modules;

    @Inject
    @ConfigProperty(name = "fanmail.db.boot-wait", defaultValue = "PT5M")
    Duration bootWait;

    private volatile boolean done;

    void migrate(@Observes @Priority(10) Startup startup) {
        new BootRetry(bootWait, this::reachable, d -> Thread.sleep(d.toMillis()), System::nanoTime, LOG::warning)
                .run("Database migrations", this::migrateAll);
        done = true;
    }

    private boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private void migrateAll() {
        List<ModuleSchema> ordered = modules.stream()
                .sorted(Comparator.comparingInt(ModuleSchema::order).thenComparing(ModuleSchema::schema))
                .toList();
        for (ModuleSchema module : ordered) {
            MigrateResult result = Flyway.configure(DatabaseMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .schemas(module.schema())
                    .defaultSchema(module.schema())
                    .createSchemas(true)
                    .locations("classpath:" + module.migrations())
                    .table("flyway_schema_history")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            LOG.info(() -> "Schema " + module.schema() + ": " + result.migrationsExecuted + " migration(s) applied, now at "
                    + (result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion));
        }
    }

    public boolean done() {
        return done;
    }
}
