package app.fanmail.app.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real embedded PostgreSQL with the wechat module's migrations applied, for tests of its SQL. */
public final class WeChatDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final DataSource dataSource;

    public WeChatDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).schemas("wechat").defaultSchema("wechat").locations("classpath:db/wechat")
                .table("flyway_schema_history").load().migrate();
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
