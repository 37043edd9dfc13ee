package app.fanmail.templates.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.templates.application.TemplateGateway.RemoteTemplate;

/** Storing WeChat's template list: exact mirror, but a stale listing never undoes a newer one. */
class TemplateWritesTest {
    private final UUID account = UUID.randomUUID();
    private final Map<String, StoredTemplate> rows = new LinkedHashMap<>();
    private final List<String> locks = new ArrayList<>();
    private final TemplateWrites writes = new TemplateWrites();

    TemplateWritesTest() {
        writes.store = (TemplateRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TemplateRepository.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lockSetup" -> {
                        locks.add(args[0].toString());
                        yield null;
                    }
                    case "all" -> new ArrayList<>(rows.values());
                    case "insert" -> {
                        RemoteTemplate r = (RemoteTemplate) args[1];
                        rows.put(r.templateId(), stored(UUID.randomUUID(), r, (Instant) args[2]));
                        yield null;
                    }
                    case "update", "touch" -> {
                        UUID id = (UUID) args[0];
                        StoredTemplate old = rows.values().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
                        RemoteTemplate r = args.length == 3 ? (RemoteTemplate) args[1] : remote(old.templateId(), old.title());
                        rows.put(old.templateId(), stored(id, r, (Instant) args[args.length - 1]));
                        yield null;
                    }
                    case "delete" -> {
                        rows.values().removeIf(t -> t.id().equals(args[0]));
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void mirrorsTheListingUnderTheAccountsLock() {
        writes.applyListing(account, List.of(remote("a", "A"), remote("b", "B")), Instant.parse("2026-12-01T00:00:00Z"));
        LibraryService.SyncResult r = writes.applyListing(account, List.of(remote("b", "B2"), remote("c", "C")),
                Instant.parse("2026-12-01T00:01:00Z"));

        assertThat(rows.keySet()).containsExactlyInAnyOrder("b", "c");
        assertThat(rows.get("b").title()).isEqualTo("B2");
        assertThat(r).isEqualTo(new LibraryService.SyncResult(1, 1, 1, 0));
        assertThat(locks).containsOnly(account.toString()).hasSize(2);
    }

    @Test
    void aStaleListingStoredLateDoesNotRemoveOrRevertWhatANewerOneStored() {
        Instant older = Instant.parse("2026-12-01T00:00:00Z");
        Instant newer = Instant.parse("2026-12-01T00:00:05Z");
        writes.applyListing(account, List.of(remote("a", "A")), older);
        // an add listed WeChat after the new template "n" existed and "a" was renamed ...
        writes.applyListing(account, List.of(remote("a", "A renamed"), remote("n", "New")), newer);
        // ... and a sync that listed WeChat before that stores its answer last
        LibraryService.SyncResult stale = writes.applyListing(account, List.of(remote("a", "A")), older.plusSeconds(1));

        assertThat(rows.keySet()).containsExactlyInAnyOrder("a", "n");
        assertThat(rows.get("a").title()).isEqualTo("A renamed");
        assertThat(stale.removed()).isZero();
    }

    private static RemoteTemplate remote(String id, String title) {
        return new RemoteTemplate(id, title, "IT", "Software", "{{keyword1.DATA}}", "");
    }

    private StoredTemplate stored(UUID id, RemoteTemplate r, Instant at) {
        return new StoredTemplate(id, account, r.templateId(), r.title(), r.primaryIndustry(), r.deputyIndustry(), r.content(), r.example(), at);
    }
}
