package app.fanmail.templates.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.templates.application.StoredPreset;
import app.fanmail.templates.application.StoredSetupChange;
import app.fanmail.templates.application.StoredTemplate;
import app.fanmail.templates.application.TemplateRepository;
import app.fanmail.templates.application.TemplateGateway.RemoteTemplate;
import app.fanmail.templates.domain.FieldMapping;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.FieldSource;
import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.SetupModel;
import app.fanmail.templates.domain.TemplateContent;
import app.fanmail.templates.domain.TemplateField;
import app.fanmail.templates.domain.TemplateLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The {@code templates} schema, in native SQL (jsonb columns are written with explicit casts and
 * read as text). Runs inside the calling service's transaction.
 */
@ApplicationScoped
public class TemplateStore implements TemplateRepository {
    private static final String TEMPLATE_COLUMNS = "id, account_id, template_id, title, primary_industry, deputy_industry, content, example, synced_at";

    @PersistenceContext(unitName = "templates")
    EntityManager em;

    /** Stored industry ids of an account, or empty. */
    @Override
    public Optional<int[]> industryIds(UUID accountId) {
        List<?> rows = em.createNativeQuery("select primary_industry_id, secondary_industry_id from templates.template_setup where account_id = :a"
                        + " and primary_industry_id is not null")
                .setParameter("a", accountId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new int[] {((Number) r[0]).intValue(), ((Number) r[1]).intValue()});
    }

    /** Creates the account's setup row if missing and locks it: setup changes of one account run one at a time. */
    @Override
    public void lockSetup(UUID accountId, Instant now) {
        em.createNativeQuery("insert into templates.template_setup (account_id, updated_at) values (:a, :t) on conflict (account_id) do nothing")
                .setParameter("a", accountId).setParameter("t", now).executeUpdate();
        em.createNativeQuery("select account_id from templates.template_setup where account_id = :a for update").setParameter("a", accountId)
                .getResultList();
    }

    /** The account's setup model; INDUSTRY until someone chooses otherwise. */
    @Override
    public SetupModel model(UUID accountId) {
        List<?> rows = em.createNativeQuery("select model from templates.template_setup where account_id = :a").setParameter("a", accountId)
                .getResultList();
        return rows.isEmpty() ? SetupModel.INDUSTRY : SetupModel.valueOf((String) rows.get(0));
    }

    @Override
    public void saveModel(UUID accountId, SetupModel model, Instant now) {
        em.createNativeQuery("update templates.template_setup set model = :m, updated_at = :t, version = version + 1 where account_id = :a")
                .setParameter("m", model.name()).setParameter("t", now).setParameter("a", accountId).executeUpdate();
    }

    /** The categories last seen in WeChat (or set by Fanmail), in WeChat's order. */
    @Override
    public List<ServiceCategory> categories(UUID accountId) {
        List<?> rows = em.createNativeQuery("select cast(categories as text) from templates.template_setup where account_id = :a")
                .setParameter("a", accountId).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        return categoriesIn(read((String) rows.get(0)));
    }

    /** Remembers the categories; creates the setup row when missing. */
    @Override
    public void saveCategories(UUID accountId, List<ServiceCategory> categories, Instant now) {
        em.createNativeQuery("insert into templates.template_setup (account_id, updated_at, categories) values (:a, :t, cast(:c as jsonb))"
                        + " on conflict (account_id) do update set categories = excluded.categories")
                .setParameter("a", accountId).setParameter("t", now).setParameter("c", TemplateRepository.categoriesJson(categories).toString()).executeUpdate();
    }

    @Override
    public void saveIndustries(UUID accountId, int primaryId, int secondaryId, Instant now) {
        em.createNativeQuery("update templates.template_setup set primary_industry_id = :p, secondary_industry_id = :s, updated_at = :t,"
                        + " version = version + 1 where account_id = :a")
                .setParameter("p", primaryId).setParameter("s", secondaryId).setParameter("t", now).setParameter("a", accountId)
                .executeUpdate();
    }

    @Override
    public void recordChange(UUID accountId, SetupModel model, Instant at, JsonObject detail, String by) {
        em.createNativeQuery("insert into templates.setup_change (account_id, model, changed_at, detail, changed_by)"
                        + " values (:a, :m, :t, cast(:d as jsonb), :b)")
                .setParameter("a", accountId).setParameter("m", model.name()).setParameter("t", at)
                .setParameter("d", detail.toString()).setParameter("b", by).executeUpdate();
    }

    /** The account's most recent setup changes, newest first. */
    @Override
    public List<StoredSetupChange> recentChanges(UUID accountId, int limit) {
        List<?> rows = em.createNativeQuery("select model, changed_at, changed_by, cast(detail as text) from templates.setup_change"
                        + " where account_id = :a order by changed_at desc, id desc limit :l")
                .setParameter("a", accountId).setParameter("l", limit).getResultList();
        List<StoredSetupChange> out = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            JsonObject d = read((String) r[3]).asJsonObject();
            out.add(new StoredSetupChange(SetupModel.valueOf((String) r[0]), instant(r[1]), (String) r[2],
                    d.containsKey("primary") ? d.getInt("primary") : null, d.containsKey("secondary") ? d.getInt("secondary") : null,
                    categoriesIn(d.get("added")), categoriesIn(d.get("removed"))));
        }
        return out;
    }

    /** Categories as {@link #categoriesJson} writes them; a bare id (the first release's change detail) is read too. */
    private static List<ServiceCategory> categoriesIn(JsonValue v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof JsonString one) {
            return List.of(new ServiceCategory(one.getString(), null));
        }
        List<ServiceCategory> out = new ArrayList<>();
        for (JsonValue c : v.asJsonArray()) {
            if (c instanceof JsonObject o) {
                out.add(new ServiceCategory(o.getString("id"), o.getString("name", null), o.getString("parentId", null),
                        o.getString("parentName", null)));
            } else if (c instanceof JsonString id) {
                out.add(new ServiceCategory(id.getString(), null));
            }
        }
        return out;
    }

    @Override
    public List<Instant> changes(UUID accountId, SetupModel model) {
        List<?> rows = em.createNativeQuery("select changed_at from templates.setup_change where account_id = :a and model = :m order by changed_at")
                .setParameter("a", accountId).setParameter("m", model.name()).getResultList();
        return rows.stream().map(TemplateStore::instant).toList();
    }

    @Override
    public List<StoredTemplate> all(UUID accountId) {
        List<?> rows = em.createNativeQuery("select " + TEMPLATE_COLUMNS + " from templates.template where account_id = :a order by title, id")
                .setParameter("a", accountId).getResultList();
        return rows.stream().map(r -> template((Object[]) r)).toList();
    }

    @Override
    public long count(UUID accountId) {
        return ((Number) em.createNativeQuery("select count(*) from templates.template where account_id = :a").setParameter("a", accountId)
                .getSingleResult()).longValue();
    }

    /** A page in (title, id) order after the given key; one more row than asked tells whether there is a next page. */
    @Override
    public List<StoredTemplate> page(UUID accountId, int limit, String afterTitle, UUID afterId) {
        String keyset = afterId == null ? "" : " and (title > :n or (title = :n and id > :i))";
        var q = em.createNativeQuery("select " + TEMPLATE_COLUMNS + " from templates.template where account_id = :a" + keyset
                + " order by title, id limit :l").setParameter("a", accountId).setParameter("l", limit);
        if (afterId != null) {
            q.setParameter("n", afterTitle).setParameter("i", afterId);
        }
        List<?> rows = q.getResultList();
        return rows.stream().map(r -> template((Object[]) r)).toList();
    }

    @Override
    public Optional<StoredTemplate> find(UUID id) {
        List<?> rows = em.createNativeQuery("select " + TEMPLATE_COLUMNS + " from templates.template where id = :i").setParameter("i", id)
                .getResultList();
        return rows.stream().findFirst().map(r -> template((Object[]) r));
    }

    @Override
    public void insert(UUID accountId, RemoteTemplate t, Instant now) {
        em.createNativeQuery("insert into templates.template (id, account_id, template_id, title, primary_industry, deputy_industry, content, example,"
                        + " fields, synced_at) values (:id, :a, :tid, :title, :p, :d, :c, :e, cast(:f as jsonb), :t)")
                .setParameter("id", UUID.randomUUID()).setParameter("a", accountId).setParameter("tid", t.templateId())
                .setParameter("title", nn(t.title())).setParameter("p", nn(t.primaryIndustry())).setParameter("d", nn(t.deputyIndustry()))
                .setParameter("c", nn(t.content())).setParameter("e", nn(t.example())).setParameter("f", fieldsJson(nn(t.content())))
                .setParameter("t", now).executeUpdate();
    }

    @Override
    public void update(UUID id, RemoteTemplate t, Instant now) {
        em.createNativeQuery("update templates.template set title = :title, primary_industry = :p, deputy_industry = :d, content = :c, example = :e,"
                        + " fields = cast(:f as jsonb), synced_at = :t where id = :id")
                .setParameter("id", id).setParameter("title", nn(t.title())).setParameter("p", nn(t.primaryIndustry()))
                .setParameter("d", nn(t.deputyIndustry())).setParameter("c", nn(t.content())).setParameter("e", nn(t.example()))
                .setParameter("f", fieldsJson(nn(t.content()))).setParameter("t", now).executeUpdate();
    }

    @Override
    public void touch(UUID id, Instant now) {
        em.createNativeQuery("update templates.template set synced_at = :t where id = :id").setParameter("id", id).setParameter("t", now)
                .executeUpdate();
    }

    @Override
    public void delete(UUID id) {
        em.createNativeQuery("delete from templates.template where id = :id").setParameter("id", id).executeUpdate();
    }


    @Override
    public Optional<StoredPreset> preset(UUID templateId) {
        List<?> rows = em.createNativeQuery("select cast(mappings as text), cast(link as text), version, updated_at from templates.field_preset where template_id = :i")
                .setParameter("i", templateId).getResultList();
        return rows.stream().findFirst().map(o -> {
            Object[] r = (Object[]) o;
            return new StoredPreset(templateId, presetOf(read((String) r[0]).asJsonArray()), linkOf(read((String) r[1]).asJsonObject()),
                    ((Number) r[2]).longValue(), instant(r[3]));
        });
    }

    /**
     * Saves the preset when it is still at {@code expectedVersion} (0: none saved yet; null: whatever
     * it is); false when another save came first.
     */
    @Override
    public boolean savePreset(UUID templateId, FieldPreset preset, TemplateLink link, Instant now, Integer expectedVersion) {
        return em.createNativeQuery("insert into templates.field_preset as p (template_id, mappings, link, updated_at, version)"
                        + " values (:i, cast(:m as jsonb), cast(:l as jsonb), :t, 1)"
                        + " on conflict (template_id) do update set mappings = excluded.mappings, link = excluded.link,"
                        + " updated_at = excluded.updated_at, version = p.version + 1 where :v < 0 or p.version = :v")
                .setParameter("i", templateId).setParameter("m", presetJson(preset).toString())
                .setParameter("l", linkJson(link).toString()).setParameter("t", now)
                .setParameter("v", expectedVersion == null ? -1 : expectedVersion).executeUpdate() > 0;
    }

    static String fieldsJson(String content) {
        JsonArrayBuilder out = JsonFactories.array();
        for (TemplateField f : TemplateContent.parse(content).fields()) {
            out.add(JsonFactories.object().add("key", f.key()).add("label", f.label() == null ? "" : f.label())
                    .add("type", f.type().name()).add("legacy", f.legacy()).add("occurrences", f.occurrences()));
        }
        return out.build().toString();
    }

    private static JsonArray presetJson(FieldPreset preset) {
        JsonArrayBuilder out = JsonFactories.array();
        for (FieldMapping m : preset.mappings()) {
            JsonObjectBuilder o = JsonFactories.object().add("key", m.key()).add("source", m.source().name());
            if (m.fixedValue() != null) {
                o.add("fixedValue", m.fixedValue());
            }
            if (m.csvColumn() != null) {
                o.add("csvColumn", m.csvColumn());
            }
            out.add(o);
        }
        return out.build();
    }

    private static JsonObject linkJson(TemplateLink link) {
        JsonObjectBuilder o = JsonFactories.object();
        if (link.url() != null) {
            o.add("url", link.url());
        }
        if (link.miniProgramAppId() != null) {
            o.add("miniProgramAppId", link.miniProgramAppId());
        }
        if (link.miniProgramPagePath() != null) {
            o.add("miniProgramPagePath", link.miniProgramPagePath());
        }
        return o.build();
    }

    private static FieldPreset presetOf(JsonArray a) {
        List<FieldMapping> mappings = new ArrayList<>();
        for (JsonValue v : a) {
            JsonObject o = v.asJsonObject();
            mappings.add(new FieldMapping(o.getString("key"), FieldSource.valueOf(o.getString("source")),
                    o.getString("fixedValue", null), o.getString("csvColumn", null)));
        }
        return new FieldPreset(mappings);
    }

    private static TemplateLink linkOf(JsonObject o) {
        return TemplateLink.of(o.getString("url", null), o.getString("miniProgramAppId", null), o.getString("miniProgramPagePath", null));
    }

    private static JsonValue read(String json) {
        try (var r = JsonFactories.reader(json)) {
            return r.readValue();
        }
    }

    private static StoredTemplate template(Object[] r) {
        return new StoredTemplate(uuid(r[0]), uuid(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                (String) r[7], instant(r[8]));
    }

    private static UUID uuid(Object o) {
        return o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
