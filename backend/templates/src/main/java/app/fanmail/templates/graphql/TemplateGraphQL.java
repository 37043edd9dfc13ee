package app.fanmail.templates.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.fanmail.kernel.graphql.CallsWeChat;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.templates.application.CategoryService;
import app.fanmail.templates.application.LibraryService;
import app.fanmail.templates.application.PresetService;
import app.fanmail.templates.application.SetupService;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.SetupModel;
import app.fanmail.templates.domain.TemplateLink;
import app.fanmail.templates.domain.TemplatePreview;
import app.fanmail.templates.graphql.TemplateTypes.Template;
import app.fanmail.templates.graphql.TemplateTypes.TemplateAddInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateAddPayload;
import app.fanmail.templates.graphql.TemplateTypes.TemplateBlockedMessage;
import app.fanmail.templates.graphql.TemplateTypes.TemplateCategoriesSetInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateCategoriesSetPayload;
import app.fanmail.templates.graphql.TemplateTypes.TemplateCategory;
import app.fanmail.templates.graphql.TemplateTypes.TemplateCategoryPlan;
import app.fanmail.templates.graphql.TemplateTypes.TemplateConnection;
import app.fanmail.templates.graphql.TemplateTypes.TemplateDeleteInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateDeletePayload;
import app.fanmail.templates.graphql.TemplateTypes.TemplateEdge;
import app.fanmail.templates.graphql.TemplateTypes.TemplateFieldMappingInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateIndustriesSetInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateIndustriesSetPayload;
import app.fanmail.templates.graphql.TemplateTypes.TemplateIndustry;
import app.fanmail.templates.graphql.TemplateTypes.TemplateLibrary;
import app.fanmail.templates.graphql.TemplateTypes.TemplateLibraryEntry;
import app.fanmail.templates.graphql.TemplateTypes.TemplatePreset;
import app.fanmail.templates.graphql.TemplateTypes.TemplatePresetSaveInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplatePresetSavePayload;
import app.fanmail.templates.graphql.TemplateTypes.TemplatePreviewLine;
import app.fanmail.templates.graphql.TemplateTypes.TemplatePreviewResult;
import app.fanmail.templates.graphql.TemplateTypes.TemplatePreviewWarning;
import app.fanmail.templates.graphql.TemplateTypes.TemplateSetup;
import app.fanmail.templates.graphql.TemplateTypes.TemplateSetupChange;
import app.fanmail.templates.graphql.TemplateTypes.TemplateSetupModelSetInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateSetupModelSetPayload;
import app.fanmail.templates.graphql.TemplateTypes.TemplateSyncInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateSyncPayload;
import app.fanmail.templates.graphql.TemplateTypes.TemplateValueInput;
import app.fanmail.templates.graphql.TemplateTypes.TemplateValueRefusal;
import app.fanmail.kernel.graphql.UserError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Template messages' setup: everyone signed in reads, operators and admins change. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class TemplateGraphQL {
    @Inject
    LibraryService library;
    @Inject
    SetupService setups;
    @Inject
    CategoryService categories;
    @Inject
    PresetService presets;

    @Query("templates")
    @NonNull
    @Description("An account's templates as last synced from WeChat, ordered by title.")
    @RequiresRole(Role.VIEWER)
    public TemplateConnection templates(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–100.") Integer first,
            @Name("after") @Description("Cursor of the last template of the previous page.") String after) {
        int size = Cursor.pageSize(first, 50, 100);
        var key = Cursor.decode(after, 2);
        UUID afterId = key.map(k -> Ids.parse(k.get(1))
                .orElseThrow(() -> new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced.")))
                .orElse(null);
        LibraryService.TemplatePage page = library.list(Ids.require(accountId, "accountId", "account"), size,
                key.map(k -> k.get(0)).orElse(null), afterId);
        List<TemplateEdge> edges = page.templates().stream()
                .map(t -> new TemplateEdge(Cursor.encode(t.title(), t.id().toString()), Template.of(t))).toList();
        return new TemplateConnection(edges, new PageInfo(page.hasNext(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                Math.toIntExact(page.total()));
    }

    @Query("template")
    @Description("One template by Fanmail's id, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public Template template(@NonNull @Id @Name("id") @Description("The template's id.") String id) {
        return Ids.parse(id).flatMap(library::find).map(Template::of).orElse(null);
    }

    @Description("The template's saved preset; null when none was saved.")
    @RequiresRole(Role.VIEWER)
    public TemplatePreset preset(@Source Template template) {
        return Ids.parse(template.id()).flatMap(presets::preset).map(TemplatePreset::of).orElse(null);
    }

    @Query("templateSetup")
    @CallsWeChat
    @NonNull
    @Description("Whether an account can use template messages, its industries and when they may change next.")
    @RequiresRole(Role.VIEWER)
    public TemplateSetup templateSetup(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return TemplateSetup.of(setups.setup(Ids.require(accountId, "accountId", "account")));
    }

    @Query("templateLibrary")
    @CallsWeChat
    @NonNull
    @Description("WeChat's public template library for picking a template to add (browsable for sandbox accounts only).")
    @RequiresRole(Role.VIEWER)
    public TemplateLibrary templateLibrary(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return library.library(Ids.require(accountId, "accountId", "account"))
                .map(items -> new TemplateLibrary(true, items.stream().map(TemplateLibraryEntry::of).toList()))
                .orElseGet(() -> new TemplateLibrary(false, List.of()));
    }

    @Query("templateSetupChanges")
    @NonNull
    @Description("The account's most recent industry and category changes made through Fanmail, newest first.")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull TemplateSetupChange> templateSetupChanges(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("first") @DefaultValue("10") @Description("How many, 1–100.") Integer first) {
        return setups.recentChanges(Ids.require(accountId, "accountId", "account"), Cursor.pageSize(first, 10, 100)).stream()
                .map(c -> TemplateSetupChange.of(c, id -> setups.catalog().byId(id).orElse(null))).toList();
    }

    @Query("industryCatalog")
    @NonNull
    @Description("WeChat's template industries, with Chinese and English names.")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull TemplateIndustry> industryCatalog() {
        return setups.catalog().all().stream().map(TemplateIndustry::of).toList();
    }

    @Query("templateCategoryCatalog")
    @CallsWeChat
    @NonNull
    @Description("The service categories WeChat lets the account choose (category model).")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull TemplateCategory> templateCategoryCatalog(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return categories.categoryCatalogue(Ids.require(accountId, "accountId", "account")).stream().map(TemplateCategory::of).toList();
    }

    @Query("templateCategoryPlan")
    @CallsWeChat
    @NonNull
    @Description("What setting the categories to these ids would do: added, removed, templates WeChat deletes, changes used. Changes nothing.")
    @RequiresRole(Role.VIEWER)
    public TemplateCategoryPlan templateCategoryPlan(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @NonNull @Name("categoryIds") @Description("The categories to have, by WeChat id.") List<@NonNull String> categoryIds) {
        return TemplateCategoryPlan.of(categories.planCategories(Ids.require(accountId, "accountId", "account"), categoryIds));
    }

    @Query("templatePreview")
    @NonNull
    @Description("What a fan's phone shows for the template filled with these values, where it differs from them, and which values WeChat refuses for their type.")
    @RequiresRole(Role.VIEWER)
    public TemplatePreviewResult templatePreview(
            @NonNull @Id @Name("templateId") @Description("The template (Fanmail's id).") String templateId,
            @NonNull @Name("values") @Description("A value per field key.") List<@NonNull TemplateValueInput> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (TemplateValueInput v : values) {
            map.put(v.key(), v.value());
        }
        TemplatePreview p = presets.preview(Ids.require(templateId, "templateId", "template"), map);
        return new TemplatePreviewResult(p.title(), p.lines().stream().map(TemplatePreviewLine::of).toList(),
                p.warnings().stream().map(TemplatePreviewWarning::of).toList(),
                p.refusals().stream().map(TemplateValueRefusal::of).toList(),
                p.refusals().stream().map(r -> UserError.of(PresetService.TEMPLATE_VALUE_REFUSED, r.field(), r.message())).toList());
    }

    @Query("templateBlockedMessages")
    @CallsWeChat
    @NonNull
    @Description("Messages of this template WeChat intercepted, oldest first, after largestId.")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull TemplateBlockedMessage> templateBlockedMessages(
            @NonNull @Id @Name("templateId") @Description("The template (Fanmail's id).") String templateId,
            @Name("first") @DefaultValue("50") @Description("How many, 1–100.") Integer first,
            @Name("largestId") @DefaultValue("0") @Description("The largest id already seen; 0 to start.") String largestId) {
        int size = Cursor.pageSize(first, 50, 100);
        long largest;
        try {
            largest = largestId == null || largestId.isBlank() ? 0 : Long.parseLong(largestId.trim());
        } catch (NumberFormatException e) {
            throw new UserErrorsException("LARGEST_ID_INVALID", "largestId", "largestId is a record id from an earlier answer.");
        }
        return library.blocked(Ids.require(templateId, "templateId", "template"), largest, size).stream()
                .map(b -> new TemplateBlockedMessage(Long.toString(b.id()), b.templateMessageId(), b.title(), b.content(), b.sentAt(),
                        b.openid()))
                .toList();
    }

    @Mutation("templateSync")
    @CallsWeChat
    @NonNull
    @Description("Makes the account's library match WeChat's list of private templates exactly.")
    public TemplateSyncPayload templateSync(@NonNull @Name("input") @Description("The mutation's input.") TemplateSyncInput in) {
        return Mutations.attempt(() -> library.sync(Ids.require(in.accountId(), "accountId", "account")),
                r -> new TemplateSyncPayload(r.added(), r.updated(), r.removed(), r.total(), List.of()),
                e -> new TemplateSyncPayload(null, null, null, null, e));
    }

    @Mutation("templateAdd")
    @CallsWeChat
    @NonNull
    @Description("Adds a template from WeChat's library (at most 25 per account), then syncs the library.")
    public TemplateAddPayload templateAdd(@NonNull @Name("input") @Description("The mutation's input.") TemplateAddInput in) {
        return Mutations.attempt(() -> library.add(Ids.require(in.accountId(), "accountId", "account"), in.shortId(), in.keywordNames()),
                r -> new TemplateAddPayload(Template.of(r.template()), List.of()), e -> new TemplateAddPayload(null, e));
    }

    @Mutation("templateDelete")
    @CallsWeChat
    @NonNull
    @Description("Deletes a template in WeChat and in Fanmail.")
    public TemplateDeletePayload templateDelete(@NonNull @Name("input") @Description("The mutation's input.") TemplateDeleteInput in) {
        return Mutations.attempt(() -> library.delete(Ids.require(in.id(), "id", "template")).toString(),
                id -> new TemplateDeletePayload(id, List.of()), e -> new TemplateDeletePayload(null, e));
    }

    @Mutation("templateIndustriesSet")
    @CallsWeChat
    @NonNull
    @Description("Sets the account's industries; refused with INDUSTRY_CHANGE_TOO_SOON after a change this month (Asia/Shanghai).")
    public TemplateIndustriesSetPayload templateIndustriesSet(
            @NonNull @Name("input") @Description("The mutation's input.") TemplateIndustriesSetInput in) {
        return Mutations.attempt(() -> setups.setIndustries(Ids.require(in.accountId(), "accountId", "account"),
                        in.primaryIndustryId(), in.secondaryIndustryId()),
                s -> new TemplateIndustriesSetPayload(TemplateSetup.of(s), List.of()), e -> new TemplateIndustriesSetPayload(null, e));
    }

    @Mutation("templateSetupModelSet")
    @CallsWeChat
    @NonNull
    @Description("Chooses whether the account's templates come from industries or service categories (a Fanmail setting).")
    public TemplateSetupModelSetPayload templateSetupModelSet(
            @NonNull @Name("input") @Description("The mutation's input.") TemplateSetupModelSetInput in) {
        return Mutations.attempt(() -> setups.setModel(Ids.require(in.accountId(), "accountId", "account"),
                        in.model() == null ? null : SetupModel.valueOf(in.model().name())),
                s -> new TemplateSetupModelSetPayload(TemplateSetup.of(s), List.of()), e -> new TemplateSetupModelSetPayload(null, e));
    }

    @Mutation("templateCategoriesSet")
    @CallsWeChat
    @NonNull
    @Description("Sets the account's service categories; WeChat deletes the templates of removed categories, which must be confirmed.")
    public TemplateCategoriesSetPayload templateCategoriesSet(
            @NonNull @Name("input") @Description("The mutation's input.") TemplateCategoriesSetInput in) {
        return Mutations.attempt(() -> {
            List<UUID> confirmed = new ArrayList<>();
            List<String> given = in.confirmDeletedTemplateIds() == null ? List.of() : in.confirmDeletedTemplateIds();
            for (int i = 0; i < given.size(); i++) {
                confirmed.add(Ids.require(given.get(i), "confirmDeletedTemplateIds." + i, "template"));
            }
            return categories.setCategories(Ids.require(in.accountId(), "accountId", "account"), in.categoryIds(), confirmed);
        }, s -> new TemplateCategoriesSetPayload(TemplateSetup.of(s), List.of()), e -> new TemplateCategoriesSetPayload(null, e));
    }

    @Mutation("templatePresetSave")
    @NonNull
    @Description("Saves how the template's fields are filled and where the message links to.")
    public TemplatePresetSavePayload templatePresetSave(
            @NonNull @Name("input") @Description("The mutation's input.") TemplatePresetSaveInput in) {
        return Mutations.attempt(() -> {
            FieldPreset preset = new FieldPreset(in.mappings().stream().map(TemplateFieldMappingInput::toDomain).toList());
            TemplateLink link = in.link() == null ? TemplateLink.none()
                    : TemplateLink.of(in.link().url(), in.link().miniProgramAppId(), in.link().miniProgramPagePath());
            return presets.savePreset(Ids.require(in.templateId(), "templateId", "template"), preset, link, in.expectedVersion());
        }, p -> new TemplatePresetSavePayload(TemplatePreset.of(p), List.of()), e -> new TemplatePresetSavePayload(null, e));
    }
}
