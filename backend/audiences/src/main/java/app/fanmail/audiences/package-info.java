/**
 * Audiences: who a send reaches.
 *
 * <p>Owns: the fans of each account as WeChat lists them (full sync by user/get pages with tag memberships,
 * details enrichment by batchget, incremental follow/unfollow from pushes; an unfollowed fan stays and is never sent
 * to), tags synced with WeChat and bulk tagging, each fan's customer-service window state (read from the wechat
 * module's {@code ServiceWindows}, never tracked twice), uploaded openid lists with their extra CSV columns, saved
 * segments, and audience selectors resolved into frozen snapshots that dispatch streams in chunks; the
 * {@code audiences} schema.
 *
 * <p>Layers: {@code api} (what dispatch uses: selectors, counts by reason, snapshots); {@code domain} (filters,
 * WeChat's tag and list rules); {@code application} (services, one per concern, and their ports); {@code
 * infrastructure} (bulk SQL, the WeChat adapters, the cleanup of deleted accounts' rows, ADR 0010); {@code graphql}.
 *
 * <p>Talks to: {@code kernel}, {@code accounts.api} (which account) and {@code wechat.api} (from
 * {@code infrastructure} only). Used by: dispatch, through {@code api}.
 */
package app.fanmail.audiences;
