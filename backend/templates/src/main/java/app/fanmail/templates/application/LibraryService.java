package app.fanmail.templates.application;

import static app.fanmail.templates.application.TemplateAccess.wechatFailure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.templates.application.TemplateGateway.BlockedMessage;
import app.fanmail.templates.application.TemplateGateway.GatewayException;
import app.fanmail.templates.application.TemplateGateway.LibraryEntry;
import app.fanmail.templates.application.TemplateGateway.Refusal;
import app.fanmail.templates.application.TemplateGateway.RemoteTemplate;
import app.fanmail.templates.domain.SetupModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The account's private templates: the stored copy of WeChat's list, adding one from WeChat's
 * public library, deleting one, the messages WeChat blocked. WeChat is called outside any
 * transaction; what it answered is stored afterwards in a short one ({@link TemplateWrites}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class LibraryService {
    /** WeChat's limit of private templates per account (45026 beyond it). */
    public static final int TEMPLATE_LIMIT = 25;

    @Inject
    TemplateAccess access;
    @Inject
    TemplateRepository store;
    @Inject
    TemplateWrites writes;
    @Inject
    TemplateGateway gateway;
    @Inject
    SetupService setups;
    @Inject
    CategoryService categories;
    @Inject
    Clock clock;

    public record SyncResult(int added, int updated, int removed, int unchanged) {
        public int total() {
            return added + updated + unchanged;
        }
    }

    public record AddResult(StoredTemplate template, SyncResult sync) {
    }

    public record TemplatePage(List<StoredTemplate> templates, boolean hasNext, long total) {
    }

    /** A library template and whether the account's industries or categories allow it. */
    public record LibraryItem(LibraryEntry entry, boolean inSetup) {
    }

    public TemplatePage list(UUID accountId, int first, String afterTitle, UUID afterId) {
        access.account(accountId, "accountId");
        List<StoredTemplate> rows = store.page(accountId, first + 1, afterTitle, afterId);
        boolean hasNext = rows.size() > first;
        return new TemplatePage(hasNext ? rows.subList(0, first) : rows, hasNext, store.count(accountId));
    }

    public Optional<StoredTemplate> find(UUID id) {
        return store.find(id);
    }

    /** The public library when it can be browsed (sandbox accounts), templates of the account's setup first. */
    public Optional<List<LibraryItem>> library(UUID accountId) {
        access.eligible(accountId);
        Optional<List<LibraryEntry>> entries;
        try {
            entries = gateway.library(accountId);
        } catch (GatewayException e) {
            throw wechatFailure(e, "accountId");
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        SetupService.Setup setup = setups.setup(accountId);
        return Optional.of(entries.get().stream().map(e -> new LibraryItem(e, inSetup(setup, e)))
                .sorted(Comparator.comparing((LibraryItem i) -> !i.inSetup()).thenComparing(i -> i.entry().shortId()))
                .toList());
    }

    private boolean inSetup(SetupService.Setup setup, LibraryEntry e) {
        if (setup.model() == SetupModel.CATEGORY) {
            return e.categoryId() != null && setup.categories().stream().anyMatch(c -> c.id().equals(e.categoryId()));
        }
        return e.categoryId() == null && Stream.of(setup.primary(), setup.secondary())
                .anyMatch(i -> i != null && access.catalog().byClasses(e.primaryIndustry(), e.deputyIndustry()).map(x -> x.id() == i.id()).orElse(false));
    }

    public List<BlockedMessage> blocked(UUID templateId, long largestId, int limit) {
        StoredTemplate t = access.template(templateId);
        access.eligible(t.accountId());
        try {
            return gateway.blocked(t.accountId(), t.templateId(), largestId, limit);
        } catch (GatewayException e) {
            throw wechatFailure(e, "templateId");
        }
    }

    /** Makes the stored library match get_all_private_template exactly (and refreshes the categories of a category-model account). */
    public SyncResult sync(UUID accountId) {
        access.eligible(accountId);
        try {
            if (store.model(accountId) == SetupModel.CATEGORY) {
                categories.refresh(accountId);
            }
            return syncLibrary(accountId);
        } catch (GatewayException e) {
            throw wechatFailure(e, "accountId");
        }
    }

    /** Lists the account's templates in WeChat and stores the answer; throws what WeChat threw. */
    SyncResult syncLibrary(UUID accountId) {
        Instant listedAt = clock.instant();
        List<RemoteTemplate> remote = gateway.list(accountId);
        return writes.applyListing(accountId, remote, listedAt);
    }

    /**
     * Adds a library template to the account: checks the input and Fanmail's copy of the 25-template
     * limit, asks WeChat (which enforces the limit itself: two adds racing for the last place get one
     * TEMPLATE_LIMIT_REACHED), then stores WeChat's list as it is after the add.
     */
    public AddResult add(UUID accountId, String shortId, List<String> keywordNames) {
        access.eligible(accountId);
        String id = shortId == null ? "" : shortId.strip();
        List<UserError> invalid = new ArrayList<>();
        if (id.isEmpty()) {
            invalid.add(UserError.of("TEMPLATE_SHORT_ID_REQUIRED", "shortId", "Give the library template's id, e.g. TM00015."));
        }
        List<String> keywords = new ArrayList<>();
        List<String> given = keywordNames == null ? List.of() : keywordNames;
        boolean category = store.model(accountId) == SetupModel.CATEGORY;
        if (!given.isEmpty() && !category) {
            invalid.add(UserError.of("TEMPLATE_KEYWORDS_NOT_USED", "keywordNames",
                    "Keywords are chosen only for category templates; this account uses the industry model."));
        }
        if (given.isEmpty() && category && !id.isEmpty()) {
            // api_add_template: keyword_name_list "按顺序传入，如果为空，或者关键词不在模板库中，会返回40246错误码"
            invalid.add(UserError.of("TEMPLATE_KEYWORDS_REQUIRED", "keywordNames",
                    "A category template is added with the keywords to use, in order; WeChat refuses an empty list (40246)."));
        }
        for (int i = 0; i < given.size(); i++) {
            String k = given.get(i) == null ? "" : given.get(i).strip();
            if (k.isEmpty()) {
                invalid.add(UserError.of("TEMPLATE_KEYWORD_REQUIRED", "keywordNames." + i, "A keyword name cannot be empty."));
            } else if (keywords.contains(k)) {
                invalid.add(UserError.of("TEMPLATE_KEYWORD_DUPLICATE", "keywordNames." + i, "'" + k + "' is listed twice."));
            } else {
                keywords.add(k);
            }
        }
        if (!invalid.isEmpty()) {
            throw new UserErrorsException(invalid);
        }
        if (store.count(accountId) >= TEMPLATE_LIMIT) {
            throw limitReached();
        }
        String templateId;
        try {
            templateId = gateway.add(accountId, id, keywords);
        } catch (GatewayException e) {
            switch (e.refusal()) {
                case TEMPLATE_LIMIT -> throw limitReached();
                case TEMPLATE_OUTSIDE_SETUP -> throw new UserErrorsException("TEMPLATE_OUTSIDE_SETUP", "shortId",
                        "Template " + id + " belongs to an industry or category the account has not chosen.");
                case KEYWORD_UNKNOWN -> throw new UserErrorsException("TEMPLATE_KEYWORD_UNKNOWN", "keywordNames",
                        "WeChat's template " + id + " has no such keyword: " + e.errmsg());
                case TEMPLATE_UNKNOWN -> throw new UserErrorsException("TEMPLATE_SHORT_ID_UNKNOWN", "shortId",
                        "WeChat's template library has no template " + id + ".");
                default -> throw wechatFailure(e, "shortId");
            }
        }
        SyncResult sync = sync(accountId);
        StoredTemplate added = store.all(accountId).stream().filter(t -> t.templateId().equals(templateId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("WeChat did not list the template it just added: " + templateId));
        return new AddResult(added, sync);
    }

    /** Deletes the template in WeChat and here; one WeChat no longer has is just removed here. */
    public UUID delete(UUID templateId) {
        StoredTemplate t = access.template(templateId);
        access.eligible(t.accountId());
        try {
            gateway.delete(t.accountId(), t.templateId());
        } catch (GatewayException e) {
            if (e.refusal() != Refusal.TEMPLATE_UNKNOWN) {
                throw wechatFailure(e, "id");
            }
        }
        writes.deleteTemplate(t.id());
        return t.id();
    }

    private static UserErrorsException limitReached() {
        return new UserErrorsException("TEMPLATE_LIMIT_REACHED", "shortId",
                "An account can hold at most " + TEMPLATE_LIMIT + " templates; delete one before adding another.");
    }
}
