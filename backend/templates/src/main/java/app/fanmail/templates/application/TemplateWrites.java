package app.fanmail.templates.application;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.fanmail.templates.application.TemplateGateway.RemoteTemplate;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.SetupModel;
import app.fanmail.templates.domain.TemplateLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

/**
 * The module's writes, each one short transaction that talks to no one but the database. The
 * services call WeChat first, outside any transaction, and store what WeChat answered here.
 * Writes of one account's library and setup take the account's setup row lock, so they run one at
 * a time per account; none holds it while waiting for WeChat.
 */
@ApplicationScoped
@Transactional
public class TemplateWrites {
    @Inject
    TemplateRepository store;

    /**
     * Makes the stored library match a get_all_private_template answer obtained at {@code listedAt}.
     * A stored row synced from a later answer (a concurrent add or sync overtook this one) is newer
     * knowledge and left alone: a slow, stale listing cannot remove a template just added.
     */
    public LibraryService.SyncResult applyListing(UUID accountId, List<RemoteTemplate> remote, Instant listedAt) {
        store.lockSetup(accountId, listedAt);
        Map<String, StoredTemplate> local = new HashMap<>();
        for (StoredTemplate t : store.all(accountId)) {
            local.put(t.templateId(), t);
        }
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        Map<String, RemoteTemplate> seen = new HashMap<>();
        for (RemoteTemplate r : remote) {
            if (r.templateId() == null || seen.putIfAbsent(r.templateId(), r) != null) {
                continue;
            }
            StoredTemplate existing = local.remove(r.templateId());
            if (existing == null) {
                store.insert(accountId, r, listedAt);
                added++;
            } else if (existing.syncedAt().isAfter(listedAt)) {
                unchanged++;
            } else if (same(existing, r)) {
                store.touch(existing.id(), listedAt);
                unchanged++;
            } else {
                store.update(existing.id(), r, listedAt);
                updated++;
            }
        }
        int removed = 0;
        for (StoredTemplate gone : local.values()) {
            if (!gone.syncedAt().isAfter(listedAt)) {
                store.delete(gone.id());
                removed++;
            }
        }
        return new LibraryService.SyncResult(added, updated, removed, unchanged);
    }

    public void deleteTemplate(UUID id) {
        store.delete(id);
    }

    public void saveModel(UUID accountId, SetupModel model, Instant now) {
        store.lockSetup(accountId, now);
        store.saveModel(accountId, model, now);
    }

    public void saveCategories(UUID accountId, List<ServiceCategory> categories, Instant now) {
        store.lockSetup(accountId, now);
        store.saveCategories(accountId, categories, now);
    }

    /** Stores industries WeChat accepted and counts the change against the month. */
    public void industriesChanged(UUID accountId, int primaryId, int secondaryId, Instant at, JsonObject detail, String by) {
        store.lockSetup(accountId, at);
        store.saveIndustries(accountId, primaryId, secondaryId, at);
        store.recordChange(accountId, SetupModel.INDUSTRY, at, detail, by);
    }

    /** Counts one category change WeChat accepted against the month (recorded even when a later call fails). */
    public void categoriesChanged(UUID accountId, Instant at, JsonObject detail, String by) {
        store.recordChange(accountId, SetupModel.CATEGORY, at, detail, by);
    }

    /** Saves the preset unless its version moved past {@code expectedVersion}; false when it did. */
    public boolean savePreset(UUID templateId, FieldPreset preset, TemplateLink link, Instant now, Integer expectedVersion) {
        return store.savePreset(templateId, preset, link, now, expectedVersion);
    }

    private static boolean same(StoredTemplate s, RemoteTemplate r) {
        return s.title().equals(nn(r.title())) && s.primaryIndustry().equals(nn(r.primaryIndustry()))
                && s.deputyIndustry().equals(nn(r.deputyIndustry())) && s.content().equals(nn(r.content()))
                && s.example().equals(nn(r.example()));
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
