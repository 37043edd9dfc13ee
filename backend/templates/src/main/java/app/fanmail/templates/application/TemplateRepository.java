package app.fanmail.templates.application;

import app.fanmail.kernel.json.JsonFactories;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.templates.application.TemplateGateway.RemoteTemplate;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.SetupModel;
import app.fanmail.templates.domain.TemplateLink;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The port to the module's tables (templates schema): the synced library, presets, the setup and
 * its change history. Implemented in {@code infrastructure} ({@code TemplateStore}); the
 * application layer sees only this interface.
 */
public interface TemplateRepository {
    /** Stored industry ids of an account, or empty. */
    Optional<int[]> industryIds(UUID accountId);

    /** Creates the account's setup row if missing and locks it: setup changes of one account run one at a time. */
    void lockSetup(UUID accountId, Instant now);

    /** The account's setup model; INDUSTRY until someone chooses otherwise. */
    SetupModel model(UUID accountId);

    void saveModel(UUID accountId, SetupModel model, Instant now);

    /** The categories last seen in WeChat (or set by Fanmail), in WeChat's order. */
    List<ServiceCategory> categories(UUID accountId);

    /** Remembers the categories; creates the setup row when missing. */
    void saveCategories(UUID accountId, List<ServiceCategory> categories, Instant now);

    void saveIndustries(UUID accountId, int primaryId, int secondaryId, Instant now);

    void recordChange(UUID accountId, SetupModel model, Instant at, JsonObject detail, String by);

    /** The account's most recent setup changes, newest first. */
    List<StoredSetupChange> recentChanges(UUID accountId, int limit);

    List<Instant> changes(UUID accountId, SetupModel model);

    List<StoredTemplate> all(UUID accountId);

    long count(UUID accountId);

    /** A page in (title, id) order after the given key; one more row than asked tells whether there is a next page. */
    List<StoredTemplate> page(UUID accountId, int limit, String afterTitle, UUID afterId);

    Optional<StoredTemplate> find(UUID id);

    void insert(UUID accountId, RemoteTemplate t, Instant now);

    void update(UUID id, RemoteTemplate t, Instant now);

    void touch(UUID id, Instant now);

    void delete(UUID id);


    Optional<StoredPreset> preset(UUID templateId);

    boolean savePreset(UUID templateId, FieldPreset preset, TemplateLink link, Instant now, Integer expectedVersion);

    /** Categories as stored (setup and change detail): an array of {id, name, parentId, parentName}. */
    static JsonArray categoriesJson(List<ServiceCategory> categories) {
        JsonArrayBuilder a = JsonFactories.array();
        for (ServiceCategory c : categories) {
            JsonObjectBuilder o = JsonFactories.object().add("id", c.id());
            if (c.name() != null) {
                o.add("name", c.name());
            }
            if (c.parentId() != null) {
                o.add("parentId", c.parentId());
            }
            if (c.parentName() != null) {
                o.add("parentName", c.parentName());
            }
            a.add(o);
        }
        return a.build();
    }

}
