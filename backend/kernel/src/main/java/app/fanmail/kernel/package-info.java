/**
 * Fanmail's shared kernel: the few types every bounded module agrees on. Security (roles, the
 * signed-in viewer, the role check), the GraphQL error and paging model ({@code UserError},
 * connections), secret encryption at rest, how a module registers its database schema, the shared
 * JSON-P factories ({@code json.JsonFactories}; no {@code Json.create*} elsewhere), the one clock
 * (offsettable in test deployments only), the PostgreSQL work queue, Fanmail's own executors and the
 * cross-node change channel ({@code cluster}: NOTIFY in a module's transaction, one listener per node, ADR 0012).
 * It depends on no module; every module may depend on it.
 */
package app.fanmail.kernel;
