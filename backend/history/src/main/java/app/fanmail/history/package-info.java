/**
 * History: what Fanmail sent, read back.
 *
 * <p>Owns: the queries over sent jobs (all jobs by account, kind, state, date, creator and title; a job's recipients by
 * state and openid prefix; what a fan was sent and what WeChat reported; a job's outcome for its chart), the streamed CSV
 * export of a job's recipients, and retention (ended jobs older than {@code fanmail.history.retention-days} are purged
 * daily). No tables of its own: it reads dispatch's tables through {@code dispatch.api.DispatchReads}, on indexes
 * dispatch keeps for it (ADR 0015).
 *
 * <p>Layers: {@code domain} (CSV cells, cursors), {@code application} (the export writer, retention and its schedule),
 * {@code graphql} (queries and their types), {@code web} (the CSV download).
 *
 * <p>Talks to: {@code kernel}, {@code dispatch.api}; its GraphQL returns dispatch's GraphQL types for jobs and recipients
 * ({@code dispatch.graphql}: one type per concept in the schema). Used by: nobody (the UI, through GraphQL and the download).
 */
package app.fanmail.history;
