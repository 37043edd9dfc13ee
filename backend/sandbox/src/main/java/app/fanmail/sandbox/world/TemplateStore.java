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
    }

    record Sent(long msgId, long atMillis) {
    }

    final LinkedHashMap<String, PrivateTemplate> templates = new LinkedHashMap<>();
    int primaryIndustry;
    int secondaryIndustry;
    YearMonth industryChangedIn;
    final List<Integer> categories = new ArrayList<>();
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

    /** Drops templates whose category is no longer selected (the category model's rule). */
    void dropTemplatesOutsideCategories() {
        templates.values().removeIf(t -> t.categoryId() != null && !categories.contains(t.categoryId()));
    }
}
