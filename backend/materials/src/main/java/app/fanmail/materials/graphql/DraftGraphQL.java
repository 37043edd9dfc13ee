package app.fanmail.materials.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.kernel.graphql.CallsWeChat;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import app.fanmail.materials.application.DraftRecord;
import app.fanmail.materials.application.DraftService;
import app.fanmail.materials.graphql.DraftTypes.Draft;
import app.fanmail.materials.graphql.DraftTypes.DraftArticle;
import app.fanmail.materials.graphql.DraftTypes.DraftConnection;
import app.fanmail.materials.graphql.DraftTypes.DraftCreateInput;
import app.fanmail.materials.graphql.DraftTypes.DraftCreatePayload;
import app.fanmail.materials.graphql.DraftTypes.DraftDeleteInput;
import app.fanmail.materials.graphql.DraftTypes.DraftDeletePayload;
import app.fanmail.materials.graphql.DraftTypes.DraftEdge;
import app.fanmail.materials.graphql.DraftTypes.DraftSyncInput;
import app.fanmail.materials.graphql.DraftTypes.DraftSyncPayload;
import app.fanmail.materials.graphql.DraftTypes.DraftUpdateInput;
import app.fanmail.materials.graphql.DraftTypes.DraftUpdatePayload;
import app.fanmail.materials.graphql.MaterialTypes.Material;
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

/**
 * News drafts (WeChat's draft box): everyone signed in reads, operators and admins write and sync. Images for article
 * content are uploaded over REST (POST /api/materials/article-images) or inline in the content.
 */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class DraftGraphQL {
    private static final String CURSOR_INVALID = "The cursor is not one this list produced.";

    @Inject
    DraftService drafts;

    @Query("drafts")
    @NonNull
    @Description("An account's drafts, the most recently updated first, optionally those with an article title containing `search`.")
    @RequiresRole(Role.VIEWER)
    public DraftConnection drafts(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("search") @Description("Part of an article's title, any case.") String search,
            @Name("first") @DefaultValue("20") @Description("Page size, 1–100.") Integer first,
            @Name("after") @Description("Cursor of the last draft of the previous page.") String after) {
        UUID account = Ids.require(accountId, "accountId", "account");
        int size = Cursor.pageSize(first, 20, 100);
        var key = Cursor.decode(after, 2);
        Instant afterAt = null;
        UUID afterId = null;
        if (key.isPresent()) {
            try {
                afterAt = Instant.parse(key.get().get(0));
            } catch (java.time.format.DateTimeParseException e) {
                throw new UserErrorsException("CURSOR_INVALID", "after", CURSOR_INVALID);
            }
            afterId = Ids.parse(key.get().get(1)).orElseThrow(() -> new UserErrorsException("CURSOR_INVALID", "after", CURSOR_INVALID));
        }
        List<DraftRecord> rows = drafts.page(account, search, afterAt, afterId, size + 1);
        List<DraftEdge> edges = rows.stream().limit(size)
                .map(d -> new DraftEdge(Cursor.encode(d.updatedAt().toString(), d.id().toString()), view(d))).toList();
        return new DraftConnection(edges, new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                (int) drafts.count(account, search));
    }

    @Query("draft")
    @Description("One draft, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public Draft draft(@NonNull @Id @Name("id") @Description("The draft's id.") String id) {
        return Ids.parse(id).flatMap(drafts::find).map(this::view).orElse(null);
    }

    @Description("The library material with the cover's media id; null when Fanmail does not know it (sync the library).")
    @RequiresRole(Role.VIEWER)
    public Material cover(@Source DraftArticle article) {
        return Ids.parse(article.accountId()).flatMap(a -> drafts.cover(a, article.coverMediaId())).map(Material::of).orElse(null);
    }

    @Mutation("draftCreate")
    @CallsWeChat
    @NonNull
    @Description("Creates a draft: the articles are checked (all problems at once), their content sanitised and its images uploaded, "
            + "then the draft is added on WeChat and stored.")
    public DraftCreatePayload draftCreate(@NonNull @Name("input") @Description("The mutation's input.") DraftCreateInput in) {
        return Mutations.attempt(() -> drafts.create(Ids.require(in.accountId(), "accountId", "account"), inputs(in.articles()), user()),
                d -> new DraftCreatePayload(view(d), List.of()), e -> new DraftCreatePayload(null, e));
    }

    @Mutation("draftUpdate")
    @CallsWeChat
    @NonNull
    @Description("Replaces a draft's articles. Same count: each changed article is updated on WeChat. Another count: a new draft "
            + "replaces the old one on WeChat (new mediaId), the id stays.")
    public DraftUpdatePayload draftUpdate(@NonNull @Name("input") @Description("The mutation's input.") DraftUpdateInput in) {
        return Mutations.attempt(() -> drafts.update(Ids.require(in.id(), "id", "draft"), inputs(in.articles()), user()),
                d -> new DraftUpdatePayload(view(d), List.of()), e -> new DraftUpdatePayload(null, e));
    }

    @Mutation("draftDelete")
    @CallsWeChat
    @NonNull
    @Description("Deletes a draft on WeChat, then in Fanmail.")
    public DraftDeletePayload draftDelete(@NonNull @Name("input") @Description("The mutation's input.") DraftDeleteInput in) {
        return Mutations.attempt(() -> drafts.delete(Ids.require(in.id(), "id", "draft")).toString(),
                id -> new DraftDeletePayload(id, List.of()), e -> new DraftDeletePayload(null, e));
    }

    @Mutation("draftSync")
    @CallsWeChat
    @NonNull
    @Description("Syncs an account's drafts with WeChat's draft box: drafts WeChat lists are added or refreshed, those it no longer "
            + "lists removed.")
    public DraftSyncPayload draftSync(@NonNull @Name("input") @Description("The mutation's input.") DraftSyncInput in) {
        return Mutations.attempt(() -> drafts.sync(Ids.require(in.accountId(), "accountId", "account")),
                r -> new DraftSyncPayload(r.listed(), r.added(), r.removed(), List.of()), e -> new DraftSyncPayload(0, 0, 0, e));
    }

    private Draft view(DraftRecord d) {
        return Draft.of(d, drafts.displayContents(d));
    }

    private static List<app.fanmail.materials.application.DraftInput> inputs(List<DraftTypes.DraftArticleInput> articles) {
        return articles == null ? List.of() : articles.stream().map(DraftTypes::input).toList();
    }

    private static String user() {
        return CurrentViewer.get().map(Viewer::username).orElse(null);
    }
}
