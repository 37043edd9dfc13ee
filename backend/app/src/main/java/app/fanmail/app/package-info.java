/**
 * The application shell: assembles the bounded modules into one WAR. It owns no business rules,
 * only wiring: the JAX-RS root, database migrations of every module's schema at start-up, the
 * servlet filters around the UI and APIs, and health checks.
 */
package app.fanmail.app;
