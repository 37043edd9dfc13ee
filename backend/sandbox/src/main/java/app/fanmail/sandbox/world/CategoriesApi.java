package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Service categories (服务类目) of the template category model: the catalogue, the account's selection, adding and
 * deleting. WeChat documents these endpoints for mini programs; Fanmail assumes they serve official-account
 * templates too. Changes share {@code limits.categoryChangesMonthly} with the control API's PUT.
 */
final class CategoriesApi {

    private CategoriesApi() {
    }

    /**
     * addcategory and deletecategory are mini-program endpoints; an official account has none (WeChat staff answer in
     * the issue) and WeChat answers 48001 {@code api unauthorized} for a token that may not call them. The sandbox does
     * the same unless the account's {@code limits.categoryWrites} or the sandbox setting
     * {@code fanmail.sandbox.category-writes} says to answer them.
     */
    private static void requireWritesAllowed(World world, Account acc) {
        if (!acc.limits().categoryWrites(world.settings().categoryWrites())) {
            throw Err.apiUnauthorized();
        }
    }

    /** The whole two-level catalogue: the root (id 0), then every first-level category followed by its children. */
    static JsonObject getAll(Account acc, ApiCall call) {
        TemplatesApi.requireVerifiedService(acc);
        JsonArrayBuilder list = Jsons.array().add(node(0, "", 0, 0));
        for (TemplateLibrary.Category c : TemplateLibrary.tree()) {
            list.add(node(c.id(), c.name(), c.level(), c.father()));
        }
        return Jsons.object().add("errcode", 0).add("errmsg", "ok")
                .add("categories_list", Jsons.object().add("categories", list)).build();
    }

    private static JsonObjectBuilder node(int id, String name, int level, int father) {
        JsonArrayBuilder children = Jsons.array();
        TemplateLibrary.children(id).forEach(children::add);
        return Jsons.object().add("id", id).add("name", name).add("level", level).add("father", father)
                .add("children", children);
    }

    /** The account's selected categories in selection order. */
    static JsonObject getSelected(Account acc, ApiCall call) {
        TemplatesApi.requireVerifiedService(acc);
        synchronized (acc) {
            JsonArrayBuilder data = Jsons.array();
            for (int id : acc.templates.categories) {
                data.add(Jsons.object().add("id", id).add("name", TemplateLibrary.category(id).name()));
            }
            return Jsons.object().add("errcode", 0).add("errmsg", "ok").add("data", data).build();
        }
    }

    /**
     * {@code {categories: [{first, second, certicates}]}}: appends them, all or nothing, as one change of the month.
     * 53303 bad list or category, 53304 already selected or repeated, 53301 more than 5 in all, 53300 no change left.
     */
    static JsonObject add(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        TemplatesApi.requireVerifiedService(acc);
        requireWritesAllowed(world, acc);
        JsonArray list = J.arr(body, "categories");
        if (list == null || list.isEmpty()) {
            throw Err.invalidCategoryParams();
        }
        List<Integer> adding = new ArrayList<>();
        for (JsonValue v : list) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Err.invalidCategoryParams();
            }
            adding.add(selectable(v.asJsonObject()));
        }
        YearMonth month = world.clock().month();
        synchronized (acc) {
            TemplateStore t = acc.templates;
            Set<Integer> seen = new HashSet<>(t.categories);
            for (int id : adding) {
                if (!seen.add(id)) {
                    throw Err.duplicateCategory();
                }
            }
            if (t.categories.size() + adding.size() > TemplateStore.CATEGORIES_MAX) {
                throw Err.tooManyCategories();
            }
            if (!t.categoryChangeAllowed(month, acc.limits().categoryChangesMonthly())) {
                throw Err.categoryMonthlyLimit();
            }
            t.countCategoryChange(month);
            t.categories.addAll(adding);
        }
        return WeChatApi.ok();
    }

    /**
     * {@code {first, second}}: removes a selected category and deletes its private templates, as one change of the
     * month. 53303 when it is not selected (or unknown, or {@code first} is not its parent), 53300 no change left.
     */
    static JsonObject delete(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        TemplatesApi.requireVerifiedService(acc);
        requireWritesAllowed(world, acc);
        int id = selectable(body);
        YearMonth month = world.clock().month();
        synchronized (acc) {
            TemplateStore t = acc.templates;
            if (!t.categories.contains(id)) {
                throw Err.invalidCategoryParams();
            }
            if (!t.categoryChangeAllowed(month, acc.limits().categoryChangesMonthly())) {
                throw Err.categoryMonthlyLimit();
            }
            t.countCategoryChange(month);
            t.categories.remove(Integer.valueOf(id));
            t.dropTemplatesOutsideCategories();
        }
        return WeChatApi.ok();
    }

    /** The level-2 id in {@code second} when {@code first} is its parent; 53303 otherwise (also for non-numbers). */
    private static int selectable(JsonObject o) {
        long first;
        long second;
        try {
            first = J.lng(o, "first", -1);
            second = J.lng(o, "second", -1);
        } catch (WeChatException e) {
            throw Err.invalidCategoryParams();
        }
        TemplateLibrary.Category c = TemplateLibrary.category(second);
        if (c == null || c.level() != 2 || c.father() != first) {
            throw Err.invalidCategoryParams();
        }
        return c.id();
    }
}
