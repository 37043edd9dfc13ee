/**
 * Templates: the template messages an official account may send and how they are set up.
 *
 * <p>Owns (today, as rules in {@code domain}): a template's content and fields, previews as WeChat
 * displays them since 2023-05, links (url and mini program), field presets (fixed text or a fan
 * attribute or CSV column per field), the two setup models (two industries changeable once a
 * month; up to five service categories changeable five times a month, removing one deletes its
 * templates) with WeChat's industry list, all months counted in China time.
 *
 * <p>Will own (next step): the {@code templates} schema (templates synced per account, presets,
 * the history of setup changes), a {@code TemplateGateway} port implemented in
 * {@code infrastructure} on top of the {@code wechat} module (get_all_private_template,
 * api_add_template, del_private_template, get_industry/api_set_industry), the GraphQL API and a
 * facade in {@code api} for the dispatch module (a template's fields and the values a preset gives
 * each fan).
 *
 * <p>Talks to: {@code kernel} (user errors). Later {@code accounts.api} (which account, by id) and
 * {@code wechat} (through its api, from {@code infrastructure} only). Used by: dispatch, to send
 * template messages.
 */
package app.fanmail.templates;
