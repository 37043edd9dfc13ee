/**
 * Templates: the template messages an official account may send and how they are set up.
 *
 * <p>Owns: a template's content and fields, previews as WeChat displays them since 2023-05, links
 * (url and mini program), field presets (fixed text or a fan attribute or CSV column per field),
 * the two setup models (two industries changeable once a month; up to five service categories
 * changeable five times a month, removing one deletes its templates) with WeChat's industry list,
 * all months counted in China time; the {@code templates} schema (templates synced per account,
 * presets, the setup and its history).
 *
 * <p>Layers: {@code api} ({@link app.fanmail.templates.api.TemplateMessages}: a template with its
 * preset, filled per fan, for dispatch); {@code domain} (the rules above); {@code application}
 * (one service per concern: setup and industries, categories, library, presets and previews; the
 * ports {@code TemplateRepository} and {@code TemplateGateway}; WeChat is called outside any
 * transaction and its answers stored in short ones by {@code TemplateWrites}); {@code infrastructure}
 * (the JPA store, the WeChat adapter, the cleanup of deleted accounts' rows, ADR 0010);
 * {@code graphql}.
 *
 * <p>Talks to: {@code kernel}, {@code accounts.api} (which account, by id; AccountChanged) and
 * {@code wechat.api} (from {@code infrastructure} only). Used by: dispatch, through {@code api}.
 */
package app.fanmail.templates;
