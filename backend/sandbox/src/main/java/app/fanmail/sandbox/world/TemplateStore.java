package app.fanmail.sandbox.world;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An account's templates, industry and categories, template quota and client_msg_id memory. Used under the account lock. */
final class TemplateStore {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)\\.DATA}}");
    static final long CLIENT_MSG_ID_WINDOW_MS = 10 * 60 * 1000L;
    /** Selected service categories at most (the category model). */
    static final int CATEGORIES_MAX = 5;

    record PrivateTemplate(String templateId, String shortId, String title, String primaryIndustry,
                           String deputyIndustry, Integer categoryId, String content, String example,
                           List<String> keys) {

        boolean required(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            return !k.equals("first") && !k.equals("remark");
        }

        boolean hasKey(String key) {
            return keys.contains(key);
        }

        /** The same template (id, short id, industries, category) with new wording; keys follow the content. */
        PrivateTemplate revised(String newTitle, String newContent, String newExample) {
            String c = newContent == null ? content : newContent;
            return new PrivateTemplate(templateId, shortId, newTitle == null ? title : newTitle, primaryIndustry,
                    deputyIndustry, categoryId, c, newExample == null ? example : newExample, keysOf(c));
        }
    }

    record Sent(long msgId, long atMillis) {
    }

    final LinkedHashMap<String, PrivateTemplate> templates = new LinkedHashMap<>();
    int primaryIndustry;
    int secondaryIndustry;
    YearMonth industryChangedIn;
    /** Selected service categories (level-2 ids), in selection order. */
    final List<Integer> categories = new ArrayList<>();
    /** The month {@link #categoryChangesThisMonth} counts; the WeChat API and the control API share the count. */
    YearMonth categoryMonth;
    int categoryChangesThisMonth;
    final DailyCounter daily = new DailyCounter();
    /** (fan|client_msg_id) → first send within the last 10 minutes; insertion order = time order */
    final LinkedHashMap<String, Sent> clientMsgIds = new LinkedHashMap<>();

    static List<String> keysOf(String content) {
        List<String> keys = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(content);
        while (m.find()) {
            if (!keys.contains(m.group(1))) {
                keys.add(m.group(1));
            }
        }
        return List.copyOf(keys);
    }

    Sent recentClientMsgId(int fan, String clientMsgId, long now) {
        purge(now);
        return clientMsgIds.get(fan + "|" + clientMsgId);
    }

    void rememberClientMsgId(int fan, String clientMsgId, long msgId, long now) {
        clientMsgIds.put(fan + "|" + clientMsgId, new Sent(msgId, now));
    }

    private void purge(long now) {
        Iterator<Map.Entry<String, Sent>> it = clientMsgIds.entrySet().iterator();
        while (it.hasNext()) {
            if (now - it.next().getValue().atMillis() >= CLIENT_MSG_ID_WINDOW_MS) {
                it.remove();
            } else {
                break;
            }
        }
    }

    /** Category changes made in {@code month} (China time). */
    int categoryChanges(YearMonth month) {
        return month.equals(categoryMonth) ? categoryChangesThisMonth : 0;
    }

    /** Whether one more category change fits into {@code month}'s allowance. */
    boolean categoryChangeAllowed(YearMonth month, int perMonth) {
        return categoryChanges(month) < perMonth;
    }

    /** Counts one category change in {@code month}, however many categories it touched. */
    void countCategoryChange(YearMonth month) {
        categoryChangesThisMonth = categoryChanges(month) + 1;
        categoryMonth = month;
    }

    /**
     * Changes a private template in place, as WeChat does when it revises its library: same id, same position in
     * the list; a null argument keeps that field. Returns the new template, or null when there is no such id.
     */
    PrivateTemplate revise(String templateId, String title, String content, String example) {
        PrivateTemplate old = templates.get(templateId);
        if (old == null) {
            return null;
        }
        PrivateTemplate now = old.revised(title, content, example);
        templates.put(templateId, now); // an existing key keeps its place in the LinkedHashMap
        return now;
    }

    /** Drops templates whose category is no longer selected (the category model's rule). */
    void dropTemplatesOutsideCategories() {
        templates.values().removeIf(t -> t.categoryId() != null && !categories.contains(t.categoryId()));
    }
}
