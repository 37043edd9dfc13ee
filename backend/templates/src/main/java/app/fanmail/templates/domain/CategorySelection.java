package app.fanmail.templates.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import app.fanmail.kernel.graphql.UserError;

/**
 * The service categories an account has chosen (category model): at most five. Changing or
 * removing a category makes WeChat delete the templates added under it, so before a change the
 * UI shows {@link #changeTo}'s list of doomed templates.
 *
 * <p>A selection may be built from anything (e.g. a form) and checked with {@link #problems()};
 * the derived selections ({@link #without}, {@link #replacing}) keep the order of the categories.
 */
public final class CategorySelection {
    /** WeChat's limit of categories per account. */
    public static final int MAX_CATEGORIES = 5;
    /** The input field name used in user errors. */
    public static final String FIELD = "categories";

    private final List<ServiceCategory> categories;

    private CategorySelection(List<ServiceCategory> categories) {
        this.categories = List.copyOf(categories);
    }

    public static CategorySelection of(List<ServiceCategory> categories) {
        return new CategorySelection(categories == null ? List.of() : categories);
    }

    public static CategorySelection of(ServiceCategory... categories) {
        return new CategorySelection(List.of(categories));
    }

    public static CategorySelection empty() {
        return new CategorySelection(List.of());
    }

    public List<ServiceCategory> categories() {
        return categories;
    }

    public int size() {
        return categories.size();
    }

    public boolean contains(String categoryId) {
        return categories.stream().anyMatch(c -> c.id().equals(categoryId));
    }

    /** Whether one more category fits. */
    public boolean canAdd() {
        return categories.size() < MAX_CATEGORIES;
    }

    /** Every problem at once: blank ids, the same category twice, more than five categories. */
    public List<UserError> problems() {
        List<UserError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            ServiceCategory c = categories.get(i);
            if (c.id().isEmpty()) {
                errors.add(UserError.of("CATEGORY_REQUIRED", FIELD + "." + i, "Choose a category."));
            } else if (!seen.add(c.id())) {
                errors.add(UserError.of("CATEGORY_DUPLICATE", FIELD + "." + i,
                        "'" + c.displayName() + "' is already selected."));
            }
        }
        if (categories.size() > MAX_CATEGORIES) {
            errors.add(UserError.of("CATEGORY_LIMIT_EXCEEDED", FIELD,
                    "An account has at most " + MAX_CATEGORIES + " categories; " + categories.size() + " are selected."));
        }
        return errors;
    }

    /** This selection without a category (unchanged when it is not selected). */
    public CategorySelection without(String categoryId) {
        return new CategorySelection(categories.stream().filter(c -> !c.id().equals(categoryId)).toList());
    }

    /** This selection with one category changed for another, in the same place. */
    public CategorySelection replacing(String categoryId, ServiceCategory replacement) {
        Objects.requireNonNull(replacement, "replacement");
        if (!contains(categoryId)) {
            throw new IllegalArgumentException("category " + categoryId + " is not selected");
        }
        return new CategorySelection(categories.stream().map(c -> c.id().equals(categoryId) ? replacement : c).toList());
    }

    /**
     * What moving from this selection to {@code next} does: the categories added and removed, and
     * which of {@code templates} WeChat deletes, namely those whose category is removed. Templates
     * without a category, or in a category that was not selected, are not affected.
     *
     * @param categoryOf the category id of a template (null when unknown)
     */
    public <T> CategoryChange<T> changeTo(CategorySelection next, Collection<T> templates, Function<T, String> categoryOf) {
        Objects.requireNonNull(next, "next");
        Map<String, ServiceCategory> before = byId(categories);
        Map<String, ServiceCategory> after = byId(next.categories);
        List<ServiceCategory> added = after.values().stream().filter(c -> !before.containsKey(c.id())).toList();
        List<ServiceCategory> removed = before.values().stream().filter(c -> !after.containsKey(c.id())).toList();
        Set<String> removedIds = new HashSet<>();
        removed.forEach(c -> removedIds.add(c.id()));
        List<T> deleted = templates == null ? List.of()
                : templates.stream().filter(t -> {
                    String category = categoryOf.apply(t);
                    return category != null && removedIds.contains(category.strip());
                }).toList();
        return new CategoryChange<>(added, removed, deleted);
    }

    private static Map<String, ServiceCategory> byId(List<ServiceCategory> list) {
        Map<String, ServiceCategory> map = new LinkedHashMap<>();
        list.forEach(c -> map.putIfAbsent(c.id(), c));
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategorySelection other && other.categories.equals(categories);
    }

    @Override
    public int hashCode() {
        return categories.hashCode();
    }

    @Override
    public String toString() {
        return "CategorySelection" + categories;
    }
}
