package app.fanmail.materials.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.materials.application.DraftRecord;
import app.fanmail.materials.domain.DraftArticle;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL types of news drafts. */
public final class DraftTypes {
    private DraftTypes() {
    }

    @Type("Draft")
    @Description("A news draft of an account (WeChat's draft box): 1 to 8 articles.")
    public record Draft(
            @NonNull @Id @Description("Fanmail's id of the draft; it stays when the article count changes.") String id,
            @NonNull @Id @Description("The account whose draft box holds it.") String accountId,
            @NonNull @Description("The draft's media id on WeChat (changes when the article count changes).") String mediaId,
            @NonNull @Description("The first article's title.") String title,
            @NonNull @Description("The articles, in order.") List<@NonNull DraftArticle> articles,
            @NonNull @Description("When Fanmail created it or first saw it.") Instant createdAt,
            @Description("Who created it; null for synced drafts.") String createdBy,
            @NonNull @Description("When it last changed in Fanmail (or a sync found it changed).") Instant updatedAt,
            @Description("Who last changed it; null when a sync did.") String updatedBy,
            @Description("When WeChat last changed it, as the last sync saw it.") Instant wechatUpdatedAt) {
        static Draft of(DraftRecord d, List<String> displayContents) {
            List<DraftArticle> articles = new ArrayList<>();
            for (int i = 0; i < d.articles().size(); i++) {
                articles.add(DraftArticle.of(d.accountId().toString(), d.articles().get(i), displayContents.get(i)));
            }
            return new Draft(d.id().toString(), d.accountId().toString(), d.mediaId(), d.title(), articles, d.createdAt(), d.createdBy(),
                    d.updatedAt(), d.updatedBy(), d.wechatUpdatedAt());
        }
    }

    @Type("DraftArticle")
    @Description("An article of a news draft.")
    public record DraftArticle(
            @NonNull @Description("The title, at most 32 characters.") String title,
            @Description("The author, at most 16 characters.") String author,
            @Description("The digest shown in the message, at most 128 characters.") String digest,
            @NonNull @Description("The content as sanitised HTML for display: images Fanmail holds point at its copies "
                    + "(/api/materials/article-images/{id}); send it back as it is.") String content,
            @Description("The link behind \"read the original\".") String contentSourceUrl,
            @NonNull @Description("The cover's permanent media id on WeChat.") String coverMediaId,
            @NonNull @Description("Whether comments are open.") boolean openComment,
            @NonNull @Description("Whether only followers may comment.") boolean onlyFansCanComment,
            @Ignore String accountId) {
        static DraftArticle of(String accountId, app.fanmail.materials.domain.DraftArticle a, String displayContent) {
            return new DraftArticle(a.title(), a.author(), a.digest(), displayContent, a.contentSourceUrl(), a.thumbMediaId() == null ? "" : a.thumbMediaId(),
                    a.openComment(), a.onlyFansCanComment(), accountId);
        }
    }

    @Type("DraftEdge")
    @Description("A draft in a page of drafts.")
    public record DraftEdge(
            @NonNull @Description("Pass as `after` to continue after this draft.") String cursor,
            @NonNull @Description("The draft.") Draft node) {
    }

    @Type("DraftConnection")
    @Description("A page of an account's drafts, the most recently updated first.")
    public record DraftConnection(
            @NonNull @Description("The drafts of this page.") List<@NonNull DraftEdge> edges,
            @NonNull @Description("Whether more follow.") PageInfo pageInfo,
            @NonNull @Description("How many drafts match, over all pages.") int totalCount) {
    }

    @Input("DraftArticleInput")
    @Description("An article of a draft as the editor has it.")
    public record DraftArticleInput(
            @NonNull @Description("The title, 1 to 32 characters.") String title,
            @Description("The author, at most 16 characters.") String author,
            @Description("The digest, at most 128 characters.") String digest,
            @NonNull @Description("The content as HTML. Fanmail sanitises it to WeChat-compatible markup; images are uploaded to WeChat: "
                    + "Fanmail's own (/api/materials/article-images/{id}), pasted data:image/png|jpeg, and images on other sites (fetched by "
                    + "the server). Other images are removed.") String content,
            @Description("The link behind \"read the original\" (http or https).") String contentSourceUrl,
            @NonNull @Id @Description("The cover: an IMAGE or THUMB material of the same account.") String coverMaterialId,
            @DefaultValue("false") @Description("Open comments.") Boolean openComment,
            @DefaultValue("false") @Description("Only followers may comment.") Boolean onlyFansCanComment) {
    }

    @Input("DraftCreateInput")
    @Description("Creates a draft on WeChat and in Fanmail.")
    public record DraftCreateInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("1 to 8 articles.") List<@NonNull DraftArticleInput> articles) {
    }

    @Type("DraftCreatePayload")
    @Description("Result of draftCreate.")
    public record DraftCreatePayload(
            @Description("The new draft; null when refused.") Draft draft,
            @NonNull @Description("Why it was refused (fields such as articles.0.title); empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("DraftUpdateInput")
    @Description("Replaces a draft's articles. With the same count each changed article is updated on WeChat; with another count "
            + "a new draft replaces the old one on WeChat (new mediaId, same id).")
    public record DraftUpdateInput(
            @NonNull @Id @Description("The draft.") String id,
            @NonNull @Description("1 to 8 articles.") List<@NonNull DraftArticleInput> articles) {
    }

    @Type("DraftUpdatePayload")
    @Description("Result of draftUpdate.")
    public record DraftUpdatePayload(
            @Description("The draft as changed; null when refused.") Draft draft,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("DraftDeleteInput")
    @Description("Deletes a draft on WeChat and in Fanmail.")
    public record DraftDeleteInput(@NonNull @Id @Description("The draft.") String id) {
    }

    @Type("DraftDeletePayload")
    @Description("Result of draftDelete.")
    public record DraftDeletePayload(
            @Id @Description("Id of the deleted draft; null when refused.") String deletedDraftId,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("DraftSyncInput")
    @Description("Syncs an account's drafts with WeChat's draft box.")
    public record DraftSyncInput(@NonNull @Id @Description("The account.") String accountId) {
    }

    @Type("DraftSyncPayload")
    @Description("Result of draftSync.")
    public record DraftSyncPayload(
            @NonNull @Description("Drafts WeChat listed.") int listed,
            @NonNull @Description("Of those, new to Fanmail.") int added,
            @NonNull @Description("Drafts removed because WeChat no longer lists them.") int removed,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    static app.fanmail.materials.application.DraftInput input(DraftArticleInput a) {
        return new app.fanmail.materials.application.DraftInput(a.title(), a.author(), a.digest(), a.content(), a.contentSourceUrl(),
                app.fanmail.kernel.graphql.Ids.parse(a.coverMaterialId()).orElse(null), Boolean.TRUE.equals(a.openComment()),
                Boolean.TRUE.equals(a.onlyFansCanComment()));
    }
}
