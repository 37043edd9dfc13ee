package app.fanmail.materials.application;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.domain.ArticleHtml;
import app.fanmail.materials.domain.DraftArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * News drafts. Writes check the articles against WeChat's rules first (every problem of every article at once), turn
 * the content into WeChat form (sanitised; images uploaded), call WeChat with no transaction open, then store what
 * WeChat holds in one short transaction. A changed article count cannot be an update on WeChat: a new draft replaces
 * the old one there, and Fanmail keeps its id.
 */
@ApplicationScoped
public class DraftService {
    static final int ARTICLES_MAX = 8;
    static final int TITLE_MAX = 32;
    static final int AUTHOR_MAX = 16;
    static final int DIGEST_MAX = 128;
    static final int CONTENT_MAX_CHARS = 20_000;
    static final int CONTENT_MAX_BYTES = 1024 * 1024;
    static final int SYNC_PAGE = 20;
    private static final Logger LOG = Logger.getLogger(DraftService.class.getName());

    @Inject
    DraftRepository store;
    @Inject
    MaterialRepository materials;
    @Inject
    ArticleImages images;
    @Inject
    MaterialGateway gateway;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;

    /** What a sync saw. */
    public record SyncResult(int listed, int added, int removed) {
    }

    public Optional<DraftRecord> find(UUID id) {
        return store.find(id);
    }

    public List<DraftRecord> page(UUID accountId, String search, Instant afterAt, UUID afterId, int limit) {
        return store.page(accountId, MaterialLibrary.blankToNull(search), afterAt, afterId, limit);
    }

    public long count(UUID accountId, String search) {
        return store.count(accountId, MaterialLibrary.blankToNull(search));
    }

    /** The display form of a draft's contents (images Fanmail holds point at its copies). */
    public List<String> displayContents(DraftRecord d) {
        return images.toDisplay(d.accountId(), d.articles().stream().map(DraftArticle::content).toList());
    }

    /** The library material with this media id, for a cover. */
    public Optional<StoredMaterial> cover(UUID accountId, String mediaId) {
        return mediaId == null || mediaId.isEmpty() ? Optional.empty() : materials.findByMediaId(accountId, mediaId);
    }

    /**
     * Adds a draft on WeChat and stores it.
     *
     * @throws UserErrorsException NOT_FOUND (account); ARTICLES_REQUIRED, TOO_MANY_ARTICLES, TITLE_REQUIRED, TITLE_TOO_LONG,
     *                             AUTHOR_TOO_LONG, DIGEST_TOO_LONG, CONTENT_REQUIRED, CONTENT_TOO_LONG, CONTENT_SOURCE_URL_INVALID,
     *                             COVER_INVALID (all found, before anything is sent); IMAGE_*; WECHAT_* (nothing stored)
     */
    public DraftRecord create(UUID accountId, List<DraftInput> inputs, String user) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        List<DraftArticle> articles = prepare(accountId, inputs);
        String mediaId = MaterialLibrary.wechat(() -> gateway.addDraft(accountId, articles));
        Instant now = clock.instant();
        DraftRecord d = new DraftRecord(UUID.randomUUID(), accountId, mediaId, articles, null, now, user, now, user);
        try {
            store.insert(d);
        } catch (RuntimeException e) {
            forget(accountId, mediaId, e);
            throw e;
        }
        return d;
    }

    /**
     * Changes a draft's articles: with the same count, draft/update for each article that changed; with another count,
     * a new draft on WeChat replaces the old one (new media id, same Fanmail id).
     *
     * @throws UserErrorsException NOT_FOUND; the checks of {@link #create}; WECHAT_* (when WeChat took some articles
     *                             before refusing one, Fanmail stores what WeChat holds)
     */
    public DraftRecord update(UUID id, List<DraftInput> inputs, String user) {
        DraftRecord d = store.find(id).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such draft."));
        List<DraftArticle> articles = prepare(d.accountId(), inputs);
        Instant now;
        if (articles.size() == d.articles().size()) {
            List<DraftArticle> held = new ArrayList<>(d.articles());
            boolean changed = false;
            for (int i = 0; i < articles.size(); i++) {
                if (articles.get(i).equals(held.get(i))) {
                    continue;
                }
                int index = i;
                try {
                    MaterialLibrary.wechat(() -> {
                        gateway.updateDraft(d.accountId(), d.mediaId(), index, articles.get(index));
                        return null;
                    });
                } catch (UserErrorsException e) {
                    if (changed) {
                        store.replace(id, d.mediaId(), held, clock.instant(), user);
                    }
                    UserError first = e.errors().get(0);
                    throw new UserErrorsException(new UserError(first.code(), first.field() == null ? "articles." + index : first.field(),
                            first.message()));
                }
                held.set(i, articles.get(i));
                changed = true;
            }
            now = clock.instant();
            if (changed) {
                store.replace(id, d.mediaId(), articles, now, user);
            }
            return store.find(id).orElseThrow();
        }
        String mediaId = MaterialLibrary.wechat(() -> gateway.addDraft(d.accountId(), articles));
        now = clock.instant();
        try {
            store.replace(id, mediaId, articles, now, user);
        } catch (RuntimeException e) {
            forget(d.accountId(), mediaId, e);
            throw e;
        }
        try {
            gateway.deleteDraft(d.accountId(), d.mediaId());
        } catch (MaterialGateway.Refused e) {
            LOG.log(Level.WARNING, "Draft " + id + " was replaced on WeChat by " + mediaId + " but the old draft " + d.mediaId()
                    + " could not be deleted; a sync will list it as a draft of its own", e);
        }
        return store.find(id).orElseThrow();
    }

    /**
     * Deletes a draft on WeChat (one WeChat no longer knows counts as deleted), then in Fanmail.
     *
     * @throws UserErrorsException NOT_FOUND; WECHAT_* (nothing deleted)
     */
    public UUID delete(UUID id) {
        DraftRecord d = store.find(id).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such draft."));
        MaterialLibrary.wechat(() -> {
            gateway.deleteDraft(d.accountId(), d.mediaId());
            return null;
        });
        store.delete(id);
        return id;
    }

    /**
     * Lists the account's drafts on WeChat (20 per call), adds those Fanmail lacks, refreshes the others, and removes
     * those WeChat no longer lists (drafts created while the sync ran are kept).
     *
     * @throws UserErrorsException NOT_FOUND; WECHAT_* (what was listed so far is kept; nothing is removed)
     */
    public SyncResult sync(UUID accountId) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        UUID run = UUID.randomUUID();
        Instant startedAt = clock.instant();
        int listed = 0;
        int added = 0;
        int offset = 0;
        while (true) {
            int from = offset;
            MaterialGateway.DraftPage page = MaterialLibrary.wechat(() -> gateway.drafts(accountId, from, SYNC_PAGE));
            if (page.items().isEmpty()) {
                break;
            }
            added += store.upsertListed(run, accountId, page.items(), clock.instant());
            listed += page.items().size();
            offset += page.items().size();
            if (offset >= page.total()) {
                break;
            }
        }
        int removed = store.removeUnlisted(run, accountId, startedAt);
        return new SyncResult(listed, added, removed);
    }

    /** Checks every article, then turns each into WeChat form (content sanitised, images uploaded, cover's media id). */
    List<DraftArticle> prepare(UUID accountId, List<DraftInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new UserErrorsException("ARTICLES_REQUIRED", "articles", "A draft has at least one article.");
        }
        if (inputs.size() > ARTICLES_MAX) {
            throw new UserErrorsException("TOO_MANY_ARTICLES", "articles", "A draft has at most " + ARTICLES_MAX + " articles, not " + inputs.size() + ".");
        }
        List<UserError> errors = new ArrayList<>();
        List<String> covers = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            DraftInput a = inputs.get(i);
            String p = "articles." + i + ".";
            int title = length(strip(a.title()));
            if (title == 0) {
                errors.add(new UserError("TITLE_REQUIRED", p + "title", "Give the article a title."));
            } else if (title > TITLE_MAX) {
                errors.add(new UserError("TITLE_TOO_LONG", p + "title", "A title has at most " + TITLE_MAX + " characters, not " + title + "."));
            }
            int author = length(strip(a.author()));
            if (author > AUTHOR_MAX) {
                errors.add(new UserError("AUTHOR_TOO_LONG", p + "author", "An author has at most " + AUTHOR_MAX + " characters, not " + author + "."));
            }
            int digest = length(strip(a.digest()));
            if (digest > DIGEST_MAX) {
                errors.add(new UserError("DIGEST_TOO_LONG", p + "digest", "A digest has at most " + DIGEST_MAX + " characters, not " + digest + "."));
            }
            String source = strip(a.contentSourceUrl());
            if (!source.isEmpty() && !httpUrl(source)) {
                errors.add(new UserError("CONTENT_SOURCE_URL_INVALID", p + "contentSourceUrl", "The original article's link must be an http(s) URL."));
            }
            String clean = ArticleHtml.sanitize(a.content());
            int chars = ArticleHtml.textLength(clean);
            if (strip(org.jsoup.Jsoup.parseBodyFragment(clean).text()).isEmpty() && !clean.contains("<img")) {
                errors.add(new UserError("CONTENT_REQUIRED", p + "content", "Write the article's content."));
            } else if (chars >= CONTENT_MAX_CHARS) {
                errors.add(new UserError("CONTENT_TOO_LONG", p + "content", "Content must be under " + CONTENT_MAX_CHARS + " characters; it has " + chars + "."));
            }
            Optional<StoredMaterial> cover = a.coverMaterialId() == null ? Optional.empty() : materials.find(a.coverMaterialId())
                    .filter(m -> m.accountId().equals(accountId) && (m.kind() == MaterialKind.IMAGE || m.kind() == MaterialKind.THUMB));
            if (cover.isEmpty()) {
                errors.add(new UserError("COVER_INVALID", p + "coverMaterialId", "The cover must be an image or thumbnail of this account's library."));
            }
            covers.add(cover.map(StoredMaterial::mediaId).orElse(null));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        List<DraftArticle> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            DraftInput a = inputs.get(i);
            String p = "articles." + i + ".";
            String content = images.toWeChat(accountId, a.content(), p + "content");
            int bytes = content.getBytes(StandardCharsets.UTF_8).length;
            if (bytes >= CONTENT_MAX_BYTES) {
                throw new UserErrorsException("CONTENT_TOO_LONG", p + "content", "Content must be under 1 MB of HTML; it has " + bytes + " bytes.");
            }
            out.add(new DraftArticle(strip(a.title()), emptyToNull(strip(a.author())), emptyToNull(strip(a.digest())), content,
                    emptyToNull(strip(a.contentSourceUrl())), covers.get(i), a.openComment(), a.onlyFansCanComment()));
        }
        return out;
    }

    private void forget(UUID accountId, String mediaId, RuntimeException cause) {
        try {
            gateway.deleteDraft(accountId, mediaId);
        } catch (RuntimeException cleanup) {
            cleanup.addSuppressed(cause);
            LOG.log(Level.WARNING, "Draft " + mediaId + " was added on WeChat but not stored; the next sync will list it", cleanup);
        }
    }

    private static boolean httpUrl(String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
