package app.fanmail.materials.infrastructure;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.application.MaterialGateway;
import app.fanmail.materials.domain.DraftArticle;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatMaterials;
import app.fanmail.wechat.api.WeChatMaterials.MediaContent;
import app.fanmail.wechat.api.WeChatMaterials.MediaKind;
import app.fanmail.wechat.api.WeChatRuleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link MaterialGateway} over the wechat module's {@link WeChatMaterials}; its exceptions become {@link Refused} with a stable code. */
@ApplicationScoped
public class WeChatMaterialGateway implements MaterialGateway {
    /** WeChat's "invalid media_id": the material or draft is not (or no longer) there. */
    static final int MEDIA_UNKNOWN = 40007;

    @Inject
    WeChatMaterials wechat;

    @Override
    public Added add(UUID accountId, MaterialKind kind, String fileName, String contentType, byte[] bytes, String videoTitle,
                     String videoDescription) {
        return call(() -> {
            WeChatMaterials.PermanentMedia m = wechat.addPermanent(accountId, media(kind), fileName, contentType, bytes, videoTitle, videoDescription);
            return new Added(m.mediaId(), m.url());
        });
    }

    @Override
    public Page list(UUID accountId, MaterialKind kind, int offset, int count) {
        return call(() -> {
            WeChatMaterials.MaterialPage p = wechat.materials(accountId, media(kind), offset, count);
            return new Page(p.total(), p.items().stream().map(m -> new Listed(m.mediaId(), m.name(), m.updatedAt(), m.url())).toList());
        });
    }

    @Override
    public Counts counts(UUID accountId) {
        return call(() -> {
            WeChatMaterials.MaterialCounts c = wechat.counts(accountId);
            return new Counts(c.images(), c.voices(), c.videos(), c.news());
        });
    }

    @Override
    public void delete(UUID accountId, String mediaId) {
        try {
            call(() -> {
                wechat.deletePermanent(accountId, mediaId);
                return null;
            });
        } catch (Refused e) {
            if (e.errcode() != MEDIA_UNKNOWN) {
                throw e;
            }
        }
    }

    @Override
    public Download download(UUID accountId, String mediaId) {
        return call(() -> {
            MediaContent content = wechat.permanentContent(accountId, mediaId);
            if (content instanceof MediaContent.File f) {
                return new Download.File(f.contentType(), f.bytes());
            }
            if (content instanceof MediaContent.VideoLink v) {
                return new Download.Link(v.title(), v.description(), v.url());
            }
            throw new Refused("WECHAT_UNEXPECTED", 0, "WeChat answered a news material for " + mediaId + ".", null, false, null);
        });
    }

    @Override
    public Temporary uploadTemporary(UUID accountId, MaterialKind kind, String fileName, String contentType, byte[] bytes) {
        return call(() -> {
            WeChatMaterials.UploadedMedia m = wechat.uploadTemporary(accountId, media(kind), fileName, contentType, bytes);
            return new Temporary(m.mediaId(), m.createdAt());
        });
    }

    @Override
    public String uploadArticleImage(UUID accountId, String fileName, String contentType, byte[] bytes) {
        return call(() -> wechat.uploadArticleImage(accountId, fileName, contentType, bytes));
    }

    @Override
    public String addDraft(UUID accountId, List<DraftArticle> articles) {
        return call(() -> wechat.addDraft(accountId, articles.stream().map(WeChatMaterialGateway::wire).toList()));
    }

    @Override
    public List<DraftArticle> draft(UUID accountId, String mediaId) {
        return call(() -> wechat.draft(accountId, mediaId).stream().map(WeChatMaterialGateway::domain).toList());
    }

    @Override
    public void updateDraft(UUID accountId, String mediaId, int index, DraftArticle article) {
        call(() -> {
            wechat.updateDraft(accountId, mediaId, index, wire(article));
            return null;
        });
    }

    @Override
    public DraftPage drafts(UUID accountId, int offset, int count) {
        return call(() -> {
            WeChatMaterials.DraftPage p = wechat.drafts(accountId, offset, count);
            return new DraftPage(p.total(), p.items().stream()
                    .map(d -> new Draft(d.mediaId(), d.updatedAt(), d.articles().stream().map(WeChatMaterialGateway::domain).toList())).toList());
        });
    }

    @Override
    public void deleteDraft(UUID accountId, String mediaId) {
        try {
            call(() -> {
                wechat.deleteDraft(accountId, mediaId);
                return null;
            });
        } catch (Refused e) {
            if (e.errcode() != MEDIA_UNKNOWN) {
                throw e;
            }
        }
    }

    @Override
    public long draftCount(UUID accountId) {
        return call(() -> wechat.draftCount(accountId));
    }

    static MediaKind media(MaterialKind kind) {
        return MediaKind.valueOf(kind.name());
    }

    static WeChatMaterials.Article wire(DraftArticle a) {
        return new WeChatMaterials.Article(a.title(), a.author(), a.digest(), a.content(), a.contentSourceUrl(), a.thumbMediaId(), a.openComment(),
                a.onlyFansCanComment());
    }

    static DraftArticle domain(WeChatMaterials.Article a) {
        return new DraftArticle(a.title(), a.author(), a.digest(), a.content(), a.contentSourceUrl(), a.thumbMediaId(), a.openComment(),
                a.onlyFansCanComment());
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (WeChatRuleException e) {
            throw new Refused("WECHAT_RULE_" + e.rule().name(), e.errcode(), e.getMessage(), e.field(), false, e);
        } catch (WeChatException e) {
            throw new Refused(code(e), e.errcode(), "WeChat answered " + e.errcode() + ": " + e.errmsg(), e.field(), e.retryable(), e);
        }
    }

    /** The UI's code for a WeChat failure. */
    static String code(WeChatException e) {
        if (e.errcode() == MEDIA_UNKNOWN) {
            return "WECHAT_MEDIA_UNKNOWN";
        }
        return switch (e.kind()) {
            case TOKEN_INVALID, CREDENTIALS_INVALID -> "WECHAT_CREDENTIALS";
            case PERMISSION -> "WECHAT_PERMISSION";
            case TRANSIENT, IN_DOUBT -> "WECHAT_UNAVAILABLE";
            case THROTTLED, DAILY_QUOTA -> "WECHAT_THROTTLED";
            case LIMIT -> "WECHAT_LIMIT";
            default -> "WECHAT_REFUSED";
        };
    }
}
