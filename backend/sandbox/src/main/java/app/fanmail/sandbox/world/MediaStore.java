package app.fanmail.sandbox.world;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;

/** Media metadata (never the bytes), drafts and mass videos. Used under the account lock. */
final class MediaStore {

    static final long TEMPORARY_TTL_MS = 3L * 24 * 3600 * 1000;

    static final class Media {
        final String id;
        final String type;
        final boolean permanent;
        final long size;
        final String filename;
        final long createdAtMillis;
        final String url;
        final String title;
        final String description;

        Media(String id, String type, boolean permanent, long size, String filename, long createdAtMillis, String url,
              String title, String description) {
            this.id = id;
            this.type = type;
            this.permanent = permanent;
            this.size = size;
            this.filename = filename;
            this.createdAtMillis = createdAtMillis;
            this.url = url;
            this.title = title;
            this.description = description;
        }

        boolean alive(long now) {
            return permanent || now - createdAtMillis < TEMPORARY_TTL_MS;
        }
    }

    static final class Draft {
        final String id;
        List<JsonObject> articles;
        final long createdAtMillis;
        long updatedAtMillis;

        Draft(String id, List<JsonObject> articles, long now) {
            this.id = id;
            this.articles = articles;
            this.createdAtMillis = now;
            this.updatedAtMillis = now;
        }
    }

    final LinkedHashMap<String, Media> media = new LinkedHashMap<>();
    final LinkedHashMap<String, Draft> drafts = new LinkedHashMap<>();
    long uploadedImages;

    /** A live media item of one of the given types, or null. */
    Media find(String id, long now, String... types) {
        Media m = id == null ? null : media.get(id);
        if (m == null || !m.alive(now)) {
            return null;
        }
        if (types.length == 0) {
            return m;
        }
        for (String t : types) {
            if (t.equals(m.type)) {
                return m;
            }
        }
        return null;
    }

    Media require(String id, long now, String... types) {
        Media m = find(id, now, types);
        if (m == null) {
            throw Err.invalidMediaId();
        }
        return m;
    }

    /** A live permanent material of one of the given types; 40007 for temporary media or anything else. */
    Media requirePermanent(String id, long now, String... types) {
        Media m = find(id, now, types);
        if (m == null || !m.permanent) {
            throw Err.invalidMediaId();
        }
        return m;
    }

    long count(String type) {
        return media.values().stream().filter(m -> m.permanent && m.type.equals(type)).count();
    }
}
