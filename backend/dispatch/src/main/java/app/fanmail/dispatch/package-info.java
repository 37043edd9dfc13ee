/**
 * Dispatch: the sending engine.
 *
 * <p>Owns: send jobs (template sends today; customer-service and mass sends use the same job, recipient and state
 * model), every state change of a job with who and when, one row per recipient created in bulk from a frozen audience
 * snapshot, the workers that claim recipients from a PostgreSQL work queue (kernel {@code WorkQueue}: skip locked,
 * leases) and send them through the non-blocking WeChat facade with a deterministic {@code client_msg_id}, the retry
 * policy by outcome class, daily-quota pauses, and the delivery reports (TEMPLATESENDJOBFINISH) matched to recipients;
 * the {@code dispatch} schema.
 *
 * <p>Layers: {@code api} (the facade history and the GraphQL layer read: jobs, counts, recipients, events, and the
 * commands create, pause, resume, cancel); {@code domain} (states, the retry policy, client_msg_id derivation, value
 * rendering, the quota day); {@code application} (the service, the send engine and their ports); {@code
 * infrastructure} (bulk SQL, the WeChat adapters).
 *
 * <p>Talks to: {@code kernel}, {@code audiences.api} (snapshots), {@code wechat.api} (from {@code infrastructure}
 * only: template sends and delivery reports). Used by: history and the GraphQL layer, through {@code api}.
 */
package app.fanmail.dispatch;
