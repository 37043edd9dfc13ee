/**
 * The templates module's rules, pure Java: parsing template content into fields
 * ({@link app.fanmail.templates.domain.TemplateContent}), previewing a message as phones show it
 * ({@link app.fanmail.templates.domain.TemplatePreview}), links
 * ({@link app.fanmail.templates.domain.TemplateLink}), field presets
 * ({@link app.fanmail.templates.domain.FieldPreset}), the industry list
 * ({@link app.fanmail.templates.domain.IndustryCatalog}), categories
 * ({@link app.fanmail.templates.domain.CategorySelection}) and the monthly change limits
 * ({@link app.fanmail.templates.domain.ChangeLimits}). No persistence, CDI or WeChat calls here.
 */
package app.fanmail.templates.domain;
