/**
 * Materials: what messages are made of.
 *
 * <p>Owns: the library of permanent materials (images, voice, video, thumbnails) uploaded through Fanmail or synced
 * from WeChat, with Fanmail's own copy of each file for previews (ADR 0016); the temporary media uploaded from them for
 * customer-service sends and their 3-day expiry; the images uploaded for article content; news drafts (1–8 articles,
 * sanitised WeChat-compatible HTML); the {@code materials} schema.
 *
 * <p>Layers: {@code api} ({@link app.fanmail.materials.api.Materials}: a material or draft by id, a valid temporary
 * media id, for the sending flows); {@code domain} (WeChat's limits on files checked from their bytes: format, size,
 * voice duration, library caps; the article HTML rules); {@code application} (library, sync, temporary media, drafts;
 * the ports {@code MaterialGateway} and {@code MaterialRepository}; WeChat is called outside transactions);
 * {@code infrastructure} (stores, the WeChat adapter, image previews); {@code graphql}; {@code web} (streamed uploads
 * and the files served to the UI).
 *
 * <p>Talks to: {@code kernel}, {@code accounts.api} (which account), {@code wechat.api} (from {@code infrastructure}
 * only).
 */
package app.fanmail.materials;
