package app.fanmail.kernel.persistence;

/**
 * A module's claim on the database: the PostgreSQL schema it owns and where its versioned
 * migrations live on the classpath. Each module contributes one CDI bean of this type; the
 * application migrates every schema at start-up, each with its own history table.
 */
public interface ModuleSchema {
    /** The PostgreSQL schema the module owns, e.g. {@code accounts}. */
    String schema();

    /** Classpath folder of the module's migrations, e.g. {@code db/accounts}. */
    default String migrations() {
        return "db/" + schema();
    }

    /** Migration order between modules (lower first); modules never reference each other's tables. */
    default int order() {
        return 100;
    }
}
