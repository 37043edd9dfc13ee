package app.fanmail.templates.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.templates.application.StoredPreset;
import app.fanmail.templates.application.StoredSetupChange;
import app.fanmail.templates.application.StoredTemplate;
import app.fanmail.templates.application.CategoryService;
import app.fanmail.templates.application.LibraryService;
import app.fanmail.templates.application.SetupService;
import app.fanmail.templates.domain.CategorySelection;
import app.fanmail.templates.domain.ChangeAllowance;
import app.fanmail.templates.domain.FieldMapping;
import app.fanmail.templates.domain.FieldSource;
import app.fanmail.templates.domain.Industry;
import app.fanmail.templates.domain.IndustryCatalog;
import app.fanmail.templates.domain.PreviewLine;
import app.fanmail.templates.domain.PreviewRefusal;
import app.fanmail.templates.domain.PreviewWarning;
import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.TemplateContent;
import app.fanmail.templates.domain.TemplateField;
import app.fanmail.templates.graphql.TemplateEnums.TemplateFieldSource;
import app.fanmail.templates.graphql.TemplateEnums.TemplateFieldType;
import app.fanmail.templates.graphql.TemplateEnums.TemplatePreviewWarningCode;
import app.fanmail.templates.graphql.TemplateEnums.TemplateSetupModel;
import app.fanmail.templates.graphql.TemplateEnums.TemplateValueRefusalReason;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL shapes of the templates module. */
public final class TemplateTypes {
    private TemplateTypes() {
    }

    @Type("TemplateFieldInfo")
    @Description("A placeholder of a template ({{key.DATA}}), in order of first appearance.")
    public record TemplateFieldInfo(
            @NonNull @Description("The placeholder's key, e.g. thing1.") String key,
            @Description("The text before the placeholder on its line, e.g. 商品名称; null when there is none.") String label,
            @NonNull @Description("What WeChat expects in the field, read from the key's prefix.") TemplateFieldType type,
            @NonNull @Description("Whether it is first or remark, which phones no longer show (since 2023-05-04).") boolean legacy) {
        static TemplateFieldInfo of(TemplateField f) {
            return new TemplateFieldInfo(f.key(), f.hasLabel() ? f.label() : null, TemplateFieldType.valueOf(f.type().name()), f.legacy());
        }
    }

    @Type("TemplateFieldMapping")
    @Description("Where a preset takes one field's value from.")
    public record TemplateFieldMapping(
            @NonNull @Description("The template field's key.") String key,
            @NonNull @Description("The value's source.") TemplateFieldSource source,
            @Description("The text, for FIXED.") String fixedValue,
            @Description("The CSV column, for CSV_COLUMN.") String csvColumn) {
    }

    @Type("TemplatePreset")
    @Description("A template's saved way of filling its fields, and its link.")
    public record TemplatePreset(
            @NonNull @Description("The field mappings; unmapped fields are filled when sending.") List<@NonNull TemplateFieldMapping> mappings,
            @Description("The link's URL (old clients' fallback when a mini program is set).") String url,
            @Description("The mini program's AppID.") String miniProgramAppId,
            @Description("The mini program page to open.") String miniProgramPagePath,
            @NonNull @Description("Saved versions so far (1 after the first save).") int version,
            @NonNull @Description("When it was last saved.") Instant updatedAt) {
        static TemplatePreset of(StoredPreset p) {
            return new TemplatePreset(p.preset().mappings().stream()
                    .map(m -> new TemplateFieldMapping(m.key(), TemplateFieldSource.valueOf(m.source().name()), m.fixedValue(), m.csvColumn())).toList(),
                    p.link().url(), p.link().miniProgramAppId(), p.link().miniProgramPagePath(), Math.toIntExact(p.version()), p.updatedAt());
        }
    }

    @Type("Template")
    @Description("A private template of an account's library, as last synced from WeChat.")
    public record Template(
            @NonNull @Id @Description("Fanmail's id of the template.") String id,
            @NonNull @Id @Description("The account it belongs to.") String accountId,
            @NonNull @Description("WeChat's template_id, used when sending.") String templateId,
            @NonNull @Description("The template's title.") String title,
            @NonNull @Description("Primary industry as WeChat names it; for category templates the category's name.") String primaryIndustry,
            @NonNull @Description("Deputy industry as WeChat names it (for category templates the parent category); may be empty.") String deputyIndustry,
            @Description("The industry of the catalogue that primaryIndustry/deputyIndustry name, with its English names; null for "
                    + "category templates and names the catalogue does not know.") TemplateIndustry industry,
            @NonNull @Description("The raw content with {{key.DATA}} placeholders.") String content,
            @NonNull @Description("WeChat's example message; may be empty.") String example,
            @NonNull @Description("The placeholders, parsed from the content.") List<@NonNull TemplateFieldInfo> fields,
            @NonNull @Description("When Fanmail last saw it in WeChat.") Instant syncedAt) {
        static Template of(StoredTemplate t) {
            TemplateIndustry industry = t.primaryIndustry() == null || t.deputyIndustry() == null ? null
                    : IndustryCatalog.standard().byClasses(t.primaryIndustry(), t.deputyIndustry()).map(TemplateIndustry::of).orElse(null);
            return new Template(t.id().toString(), t.accountId().toString(), t.templateId(), t.title(), t.primaryIndustry(),
                    t.deputyIndustry(), industry, t.content(), t.example(),
                    t.parsed().fields().stream().map(TemplateFieldInfo::of).toList(), t.syncedAt());
        }
    }

    @Type("TemplateEdge")
    @Description("A template in a page of templates.")
    public record TemplateEdge(
            @NonNull @Description("Pass as `after` to continue after this template.") String cursor,
            @NonNull @Description("The template.") Template node) {
    }

    @Type("TemplateConnection")
    @Description("A page of an account's templates, ordered by title.")
    public record TemplateConnection(
            @NonNull @Description("The templates of this page.") List<@NonNull TemplateEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo,
            @NonNull @Description("Number of templates the account has (WeChat allows 25).") int totalCount) {
    }

    @Type("TemplateIndustry")
    @Description("One of WeChat's template industries (行业).")
    public record TemplateIndustry(
            @NonNull @Description("WeChat's industry id (1–41), as api_set_industry takes it.") int id,
            @NonNull @Description("Primary class in Chinese, e.g. IT科技.") String firstClass,
            @NonNull @Description("Secondary class in Chinese, e.g. 互联网|电子商务.") String secondClass,
            @NonNull @Description("Primary class in English.") String firstClassEn,
            @NonNull @Description("Secondary class in English.") String secondClassEn) {
        static TemplateIndustry of(Industry i) {
            return i == null ? null : new TemplateIndustry(i.id(), i.firstClass(), i.secondClass(), i.firstClassEn(), i.secondClassEn());
        }
    }

    @Type("TemplateCategory")
    @Description("A WeChat service category (服务类目) of the category model.")
    public record TemplateCategory(
            @NonNull @Id @Description("WeChat's category id.") String id,
            @Description("The category's name, e.g. 电商平台; null when WeChat did not say.") String name,
            @Id @Description("The first-level category's id; null when unknown.") String parentId,
            @Description("The first-level category's name, e.g. 商业服务; null when unknown.") String parentName) {
        static TemplateCategory of(ServiceCategory c) {
            return new TemplateCategory(c.id(), c.name(), c.parentId(), c.parentName());
        }
    }

    @Type("TemplateChangeAllowance")
    @Description("How many setup changes WeChat still allows this calendar month (Asia/Shanghai).")
    public record TemplateChangeAllowance(
            @NonNull @Description("Changes allowed per calendar month.") int limit,
            @NonNull @Description("Changes Fanmail made this month.") int used,
            @NonNull @Description("Changes left this month.") int remaining,
            @NonNull @Description("When the count starts again (start of next month, Asia/Shanghai).") Instant resetsAt) {
        static TemplateChangeAllowance of(ChangeAllowance a) {
            return new TemplateChangeAllowance(a.limit(), a.used(), a.remaining(), a.resetsAt());
        }
    }

    @Type("TemplateSetup")
    @Description("Whether an account can use template messages, its industries or categories and when they may change next.")
    public record TemplateSetup(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("Whether the account may use template messages (verified service accounts only).") boolean eligible,
            @Description("Why not, when not eligible.") String reason,
            @NonNull @Description("Whether the account uses industries or service categories.") TemplateSetupModel model,
            @Description("The primary industry; null when none is set.") TemplateIndustry primaryIndustry,
            @Description("The secondary industry; null when none is set.") TemplateIndustry secondaryIndustry,
            @Description("When the industries may change next (start of next month in Asia/Shanghai); null when a change is allowed now.") Instant nextIndustryChangeAt,
            @NonNull @Description("The chosen service categories (category model), in WeChat's order.") List<@NonNull TemplateCategory> categories,
            @NonNull @Description("The most categories an account may choose.") int categoryLimit,
            @NonNull @Description("Category changes left this month.") TemplateChangeAllowance categoryChanges,
            @NonNull @Description("Templates in the library (WeChat allows 25).") int templateCount,
            @NonNull @Description("The most templates an account may hold.") int templateLimit) {
        static TemplateSetup of(SetupService.Setup s) {
            return new TemplateSetup(s.accountId().toString(), s.eligibility().eligible(), s.eligibility().reason(),
                    TemplateSetupModel.valueOf(s.model().name()), TemplateIndustry.of(s.primary()), TemplateIndustry.of(s.secondary()),
                    s.nextIndustryChangeAt(), s.categories().stream().map(TemplateCategory::of).toList(), CategorySelection.MAX_CATEGORIES,
                    TemplateChangeAllowance.of(s.categoryAllowance()), s.templateCount(), LibraryService.TEMPLATE_LIMIT);
        }
    }

    @Type("TemplateLibraryEntry")
    @Description("A template of WeChat's public library.")
    public record TemplateLibraryEntry(
            @NonNull @Description("The short id templateAdd takes, e.g. TM00015 or 43216.") String shortId,
            @NonNull @Description("The title.") String title,
            @NonNull @Description("Industry model: the primary industry; category model: the category's name.") String primaryIndustry,
            @NonNull @Description("Industry model: the secondary class; category model: the parent category's name.") String deputyIndustry,
            @Id @Description("The service category of a category-model template; null for industry templates.") String categoryId,
            @NonNull @Description("Category model: the keyword names templateAdd may keep; empty for industry templates.") List<@NonNull String> keywordNames,
            @NonNull @Description("Its fields with every keyword kept.") List<@NonNull TemplateFieldInfo> fields,
            @NonNull @Description("Whether the account's current industries or categories allow adding it.") boolean inSetup) {
        static TemplateLibraryEntry of(LibraryService.LibraryItem i) {
            var e = i.entry();
            return new TemplateLibraryEntry(e.shortId(), e.title(), nn(e.primaryIndustry()), nn(e.deputyIndustry()), e.categoryId(),
                    e.keywordNames() == null ? List.of() : e.keywordNames(),
                    TemplateContent.parse(nn(e.content())).fields().stream().map(TemplateFieldInfo::of).toList(), i.inSetup());
        }

        private static String nn(String s) {
            return s == null ? "" : s;
        }
    }

    @Type("TemplateLibrary")
    @Description("WeChat's public template library as far as the account's WeChat lets it be browsed.")
    public record TemplateLibrary(
            @NonNull @Description("False for real WeChat, which offers no API to browse its library: find short ids in the MP admin.") boolean browsable,
            @NonNull @Description("The templates, those the account's setup allows first; empty when not browsable.") List<@NonNull TemplateLibraryEntry> entries) {
    }

    @Type("TemplateSetupChange")
    @Description("A change of the template setup made through Fanmail (one WeChat call), as counted against the month.")
    public record TemplateSetupChange(
            @NonNull @Description("Industries or categories.") TemplateSetupModel model,
            @NonNull @Description("When it was made.") Instant changedAt,
            @Description("Who made it; null for changes recorded before Fanmail kept it.") String changedBy,
            @Description("The primary industry set (industry model).") TemplateIndustry primaryIndustry,
            @Description("The secondary industry set (industry model).") TemplateIndustry secondaryIndustry,
            @NonNull @Description("Categories added (category model).") List<@NonNull TemplateCategory> added,
            @NonNull @Description("Categories removed, with their templates (category model).") List<@NonNull TemplateCategory> removed) {
        static TemplateSetupChange of(StoredSetupChange c, java.util.function.IntFunction<Industry> industry) {
            return new TemplateSetupChange(TemplateSetupModel.valueOf(c.model().name()), c.changedAt(), c.changedBy(),
                    c.primaryIndustryId() == null ? null : TemplateIndustry.of(industry.apply(c.primaryIndustryId())),
                    c.secondaryIndustryId() == null ? null : TemplateIndustry.of(industry.apply(c.secondaryIndustryId())),
                    c.added().stream().map(TemplateCategory::of).toList(), c.removed().stream().map(TemplateCategory::of).toList());
        }
    }

    @Type("TemplateCategoryPlan")
    @Description("What changing the categories would do, before doing it.")
    public record TemplateCategoryPlan(
            @NonNull @Description("Why the change cannot be made as asked (per categoryIds.N); empty when it can.") List<@NonNull UserError> problems,
            @NonNull @Description("Categories that would be added.") List<@NonNull TemplateCategory> added,
            @NonNull @Description("Categories that would be removed.") List<@NonNull TemplateCategory> removed,
            @NonNull @Description("Templates WeChat would delete with the removed categories; confirm them in templateCategoriesSet.") List<@NonNull Template> deletedTemplates,
            @NonNull @Description("How many of the month's changes it uses (one per removed category, one for all added).") int changesNeeded,
            @NonNull @Description("The month's allowance before the change.") TemplateChangeAllowance allowance) {
        static TemplateCategoryPlan of(CategoryService.CategoryPlan p) {
            return new TemplateCategoryPlan(p.problems(), p.change().added().stream().map(TemplateCategory::of).toList(),
                    p.change().removed().stream().map(TemplateCategory::of).toList(),
                    p.change().deletedTemplates().stream().map(Template::of).toList(), p.change().changesCounted(),
                    TemplateChangeAllowance.of(p.allowance()));
        }
    }

    @Input("TemplateSetupModelSetInput")
    @Description("Chooses the industry or the category model for an account.")
    public record TemplateSetupModelSetInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The model to use.") TemplateSetupModel model) {
    }

    @Type("TemplateSetupModelSetPayload")
    @Description("Result of templateSetupModelSet.")
    public record TemplateSetupModelSetPayload(
            @Description("The account's setup after the change; null when refused.") TemplateSetup setup,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TemplateCategoriesSetInput")
    @Description("Sets an account's service categories to exactly these (at most 5).")
    public record TemplateCategoriesSetInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The categories to have, by WeChat id (see templateCategoryCatalog).") List<@NonNull String> categoryIds,
            @Description("Fanmail ids of the templates the operator agreed to lose (templateCategoryPlan.deletedTemplates); the change is refused with CATEGORY_CHANGE_UNCONFIRMED when it would delete another.") List<String> confirmDeletedTemplateIds) {
    }

    @Type("TemplateCategoriesSetPayload")
    @Description("Result of templateCategoriesSet.")
    public record TemplateCategoriesSetPayload(
            @Description("The account's setup after the change; null when refused.") TemplateSetup setup,
            @NonNull @Description("Why it was refused, per input field; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TemplateValueInput")
    @Description("A value for one template field.")
    public record TemplateValueInput(
            @NonNull @Description("The field's key, e.g. thing1.") String key,
            @NonNull @Description("The value to show.") String value) {
    }

    @Type("TemplatePreviewLine")
    @Description("A line as a phone shows it.")
    public record TemplatePreviewLine(
            @NonNull @Description("The field's key.") String key,
            @Description("The label shown before the value; null when the template has none.") String label,
            @NonNull @Description("The value as shown (emoji removed, keywordN values cut); a refused value as given.") String value,
            @NonNull @Description("Whether the value was cut (keywordN values only; typed values are refused instead).") boolean truncated,
            @NonNull @Description("Whether WeChat refuses the value for its type: the message would not be sent.") boolean refused,
            @NonNull @Description("The whole line, label and value.") String text) {
        static TemplatePreviewLine of(PreviewLine l) {
            return new TemplatePreviewLine(l.key(), l.label(), l.value(), l.truncated(), l.refused(), l.text());
        }
    }

    @Type("TemplatePreviewWarning")
    @Description("Something the phone will show differently from what was given.")
    public record TemplatePreviewWarning(
            @NonNull @Description("What happens.") TemplatePreviewWarningCode code,
            @Description("The field's key; null for the whole message.") String field,
            @NonNull @Description("Explanation in English.") String message) {
        static TemplatePreviewWarning of(PreviewWarning w) {
            return new TemplatePreviewWarning(TemplatePreviewWarningCode.valueOf(w.code().name()), w.field(), w.message());
        }
    }

    @Type("TemplateValueRefusal")
    @Description("A value WeChat refuses for its field's type (errcode 47003): the message would not be sent, unlike a value cut on the phone.")
    public record TemplateValueRefusal(
            @NonNull @Description("The field's key, e.g. thing1.") String field,
            @NonNull @Description("The type the key names.") TemplateFieldType type,
            @NonNull @Description("Why it is refused.") TemplateValueRefusalReason reason,
            @Description("For TOO_LONG: the most characters the type takes; otherwise null.") Integer limit,
            @NonNull @Description("Explanation in English, naming the field.") String message) {
        static TemplateValueRefusal of(PreviewRefusal r) {
            return new TemplateValueRefusal(r.field(), TemplateFieldType.valueOf(r.type().name()),
                    TemplateValueRefusalReason.valueOf(r.reason().name()), r.limit(), r.message());
        }
    }

    @Type("TemplatePreview")
    @Description("What a fan's phone shows for a template filled with given values.")
    public record TemplatePreviewResult(
            @NonNull @Description("The title shown.") String title,
            @NonNull @Description("The lines shown, in order.") List<@NonNull TemplatePreviewLine> lines,
            @NonNull @Description("Where the phone differs from the values given.") List<@NonNull TemplatePreviewWarning> warnings,
            @NonNull @Description("Values WeChat refuses for their type, in field order; with any, the message is not sent.") List<@NonNull TemplateValueRefusal> refusals,
            @NonNull @Description("The refusals as user errors (code TEMPLATE_VALUE_REFUSED, field = the field's key); empty when WeChat would send the message.") List<@NonNull UserError> userErrors) {
    }

    @Type("TemplateBlockedMessage")
    @Description("A template message WeChat intercepted (e.g. for breaking its rules).")
    public record TemplateBlockedMessage(
            @NonNull @Description("WeChat's id of the record; pass the largest as largestId to page on.") String id,
            @Description("The message's msgid.") String templateMessageId,
            @Description("The template's title.") String title,
            @Description("The message content.") String content,
            @Description("When it was sent.") Instant sentAt,
            @Description("The recipient's openid.") String openid) {
    }

    @Input("TemplateSyncInput")
    @Description("Fetches an account's templates from WeChat.")
    public record TemplateSyncInput(@NonNull @Id @Description("The account.") String accountId) {
    }

    @Type("TemplateSyncPayload")
    @Description("Result of templateSync: the library now matches WeChat exactly.")
    public record TemplateSyncPayload(
            @Description("Templates WeChat had that Fanmail did not; null when refused.") Integer added,
            @Description("Templates whose title, industries, content or example changed; null when refused.") Integer updated,
            @Description("Templates WeChat no longer has; null when refused.") Integer removed,
            @Description("Templates in the library after the sync; null when refused.") Integer total,
            @NonNull @Description("Why the sync was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TemplateAddInput")
    @Description("Adds a template from WeChat's public library.")
    public record TemplateAddInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The library template's short id, e.g. TM00015 or OPENTM200565259.") String shortId,
            @Description("Category model: the library template's keywords to keep, in order (all when empty).") List<String> keywordNames) {
    }

    @Type("TemplateAddPayload")
    @Description("Result of templateAdd.")
    public record TemplateAddPayload(
            @Description("The added template; null when refused.") Template template,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TemplateDeleteInput")
    @Description("Deletes a template in WeChat and in Fanmail.")
    public record TemplateDeleteInput(@NonNull @Id @Description("The template (Fanmail's id).") String id) {
    }

    @Type("TemplateDeletePayload")
    @Description("Result of templateDelete.")
    public record TemplateDeletePayload(
            @Id @Description("Id of the deleted template; null when refused.") String deletedTemplateId,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TemplateIndustriesSetInput")
    @Description("Sets an account's two template industries (WeChat allows one change per month).")
    public record TemplateIndustriesSetInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("Primary industry id (see industryCatalog).") int primaryIndustryId,
            @NonNull @Description("Secondary industry id, different from the primary.") int secondaryIndustryId) {
    }

    @Type("TemplateIndustriesSetPayload")
    @Description("Result of templateIndustriesSet.")
    public record TemplateIndustriesSetPayload(
            @Description("The account's setup after the change; null when refused.") TemplateSetup setup,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TemplateFieldMappingInput")
    @Description("Where one field's value comes from.")
    public record TemplateFieldMappingInput(
            @NonNull @Description("The template field's key.") String key,
            @NonNull @Description("The value's source.") TemplateFieldSource source,
            @Description("The text, for FIXED.") String fixedValue,
            @Description("The CSV column, for CSV_COLUMN.") String csvColumn) {
        FieldMapping toDomain() {
            return new FieldMapping(key, source == null ? null : FieldSource.valueOf(source.name()), fixedValue, csvColumn);
        }
    }

    @Input("TemplateLinkInput")
    @Description("Where a tap on the message leads: a URL and/or a mini program page (the mini program wins).")
    public record TemplateLinkInput(
            @Description("An http(s) URL.") String url,
            @Description("The mini program's AppID.") String miniProgramAppId,
            @Description("The mini program page, e.g. pages/index/index.") String miniProgramPagePath) {
    }

    @Input("TemplatePresetSaveInput")
    @Description("Saves how a template's fields are filled. Errors name the mapping, e.g. mappings.1.key, or the link part, e.g. link.url.")
    public record TemplatePresetSaveInput(
            @NonNull @Id @Description("The template (Fanmail's id).") String templateId,
            @NonNull @Description("The field mappings.") List<@NonNull TemplateFieldMappingInput> mappings,
            @Description("The link; null for none.") TemplateLinkInput link,
            @Description("The preset version the edit started from (0 when there was none); a save that another overtook is refused with PRESET_CHANGED. Null saves regardless.") Integer expectedVersion) {
    }

    @Type("TemplatePresetSavePayload")
    @Description("Result of templatePresetSave.")
    public record TemplatePresetSavePayload(
            @Description("The saved preset; null when refused.") TemplatePreset preset,
            @NonNull @Description("Why it was refused, per input field; empty on success.") List<@NonNull UserError> userErrors) {
    }
}
