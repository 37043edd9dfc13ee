package app.fanmail.materials.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.domain.ArticleHtml;
import app.fanmail.materials.domain.DraftArticle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks before WeChat, and which WeChat calls an update makes, with in-memory rows and a recording gateway. */
class DraftServiceTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private final Map<UUID, StoredMaterial> library = new HashMap<>();
    private final Map<UUID, DraftRecord> drafts = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private DraftService service;
    private UUID cover;
    private UUID voice;

    @BeforeEach
    void setUp() {
        cover = add(MaterialKind.IMAGE, ACCOUNT);
        voice = add(MaterialKind.VOICE, ACCOUNT);
        service = new DraftService();
        service.clock = Clock.systemUTC();
        service.accounts = proxy(AccountDirectory.class, (name, args) -> name.equals("find") ? Optional.of(new Object()) : null);
        service.materials = proxy(MaterialRepository.class, (name, args) -> name.equals("find") ? Optional.ofNullable(library.get((UUID) args[0])) : null);
        service.gateway = proxy(MaterialGateway.class, (name, args) -> {
            calls.add(name + (name.equals("updateDraft") ? ":" + args[2] : ""));
            return name.equals("addDraft") ? "media-" + UUID.randomUUID() : null;
        });
        service.images = new ArticleImages() {
            @Override
            public String toWeChat(UUID accountId, String html, String field) {
                return ArticleHtml.sanitize(html);
            }
        };
        service.store = new Rows();
    }

    private UUID add(MaterialKind kind, UUID account) {
        UUID id = UUID.randomUUID();
        library.put(id, new StoredMaterial(id, account, kind, "m-" + id, "n", null, null, null, null, null, null, null, null, null,
                StoredMaterial.Origin.UPLOADED, StoredMaterial.Preview.READY, null, null, Instant.now(), null, null));
        return id;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> body) {
        return (T) Proxy.newProxyInstance(DraftServiceTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> body.apply(m.getName(), a));
    }

    private DraftInput article(String title, String content) {
        return new DraftInput(title, null, null, content, null, cover, false, false);
    }

    private static Map<String, String> codes(UserErrorsException e) {
        return e.errors().stream().collect(Collectors.toMap(UserError::field, UserError::code));
    }

    @Test
    void everyProblemOfEveryArticleIsReportedBeforeWeChatIsCalled() {
        DraftInput bad = new DraftInput("t", "a".repeat(17), "d".repeat(129), "<p>" + "x".repeat(20_000) + "</p>", "javascript:alert(1)", voice,
                false, false);
        DraftInput noCover = new DraftInput("😀".repeat(32), "作者".repeat(8), null, "<img src=\"data:image/png;base64,AAAA\">", "https://ok.example",
                null, false, false);
        assertThatThrownBy(() -> service.create(ACCOUNT, List.of(bad, noCover), "u")).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(codes((UserErrorsException) e)).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "articles.0.author", "AUTHOR_TOO_LONG", "articles.0.digest", "DIGEST_TOO_LONG", "articles.0.content", "CONTENT_TOO_LONG",
                        "articles.0.contentSourceUrl", "CONTENT_SOURCE_URL_INVALID", "articles.0.coverMaterialId", "COVER_INVALID",
                        "articles.1.coverMaterialId", "COVER_INVALID")));
        assertThatThrownBy(() -> service.create(ACCOUNT, List.of(), "u")).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(codes((UserErrorsException) e)).containsEntry("articles", "ARTICLES_REQUIRED"));
        List<DraftInput> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(article("t" + i, "<p>x</p>"));
        }
        assertThatThrownBy(() -> service.create(ACCOUNT, nine, "u")).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(codes((UserErrorsException) e)).containsEntry("articles", "TOO_MANY_ARTICLES"));
        assertThat(calls).isEmpty();
        assertThat(drafts).isEmpty();
    }

    @Test
    void aCoverOfAnotherAccountIsRefused() {
        UUID foreign = add(MaterialKind.THUMB, UUID.randomUUID());
        assertThatThrownBy(() -> service.create(ACCOUNT, List.of(new DraftInput("t", null, null, "<p>x</p>", null, foreign, false, false)), "u"))
                .isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(codes((UserErrorsException) e)).containsEntry("articles.0.coverMaterialId", "COVER_INVALID"));
    }

    @Test
    void anUpdateCallsWeChatForTheChangedArticlesOnlyOrReplacesTheDraftWhenTheCountChanges() {
        DraftRecord d = service.create(ACCOUNT, List.of(article("one", "<p>1</p>"), article("two", "<p>2</p>"), article("three", "<p>3</p>")), "u");
        assertThat(d.articles().get(0).thumbMediaId()).isEqualTo("m-" + cover);
        calls.clear();

        DraftRecord same = service.update(d.id(), List.of(article("one", "<p>1</p>"), article("TWO", "<p>2</p>"), article("three", "<p>3!</p>")), "v");
        assertThat(calls).containsExactly("updateDraft:1", "updateDraft:2");
        assertThat(same.mediaId()).isEqualTo(d.mediaId());
        assertThat(same.articles().get(1).title()).isEqualTo("TWO");
        assertThat(same.updatedBy()).isEqualTo("v");

        calls.clear();
        service.update(d.id(), same.articles().stream().map(a -> article(a.title(), a.content())).toList(), "v");
        assertThat(calls).isEmpty();

        DraftRecord fewer = service.update(d.id(), List.of(article("only", "<p>x</p>")), "w");
        assertThat(calls).containsExactly("addDraft", "deleteDraft");
        assertThat(fewer.id()).isEqualTo(d.id());
        assertThat(fewer.mediaId()).isNotEqualTo(d.mediaId());
        assertThat(fewer.articles()).hasSize(1);
    }

    private final class Rows implements DraftRepository {
        @Override
        public void insert(DraftRecord d) {
            drafts.put(d.id(), d);
        }

        @Override
        public Optional<DraftRecord> find(UUID id) {
            return Optional.ofNullable(drafts.get(id));
        }

        @Override
        public void replace(UUID id, String mediaId, List<DraftArticle> articles, Instant updatedAt, String updatedBy) {
            DraftRecord d = drafts.get(id);
            drafts.put(id, new DraftRecord(id, d.accountId(), mediaId, List.copyOf(articles), d.wechatUpdatedAt(), d.createdAt(), d.createdBy(), updatedAt,
                    updatedBy));
        }

        @Override
        public void delete(UUID id) {
            drafts.remove(id);
        }

        @Override
        public List<DraftRecord> page(UUID accountId, String search, Instant afterAt, UUID afterId, int limit) {
            return List.copyOf(drafts.values());
        }

        @Override
        public long count(UUID accountId, String search) {
            return drafts.size();
        }

        @Override
        public int upsertListed(UUID syncId, UUID accountId, List<MaterialGateway.Draft> listed, Instant now) {
            return 0;
        }

        @Override
        public int removeUnlisted(UUID accountId, Set<String> listedMediaIds, Instant startedAt) {
            return 0;
        }
    }
}
