package app.fanmail.templates.domain;

import java.util.List;

/**
 * What changing the selected categories does.
 *
 * @param added            categories selected now that were not before
 * @param removed          categories selected before that are not now
 * @param deletedTemplates the templates WeChat deletes with the removed categories, in the order given
 * @param <T>              the caller's template type
 */
public record CategoryChange<T>(List<ServiceCategory> added, List<ServiceCategory> removed, List<T> deletedTemplates) {

    public CategoryChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        deletedTemplates = List.copyOf(deletedTemplates);
    }

    /** Whether anything changes (and so whether it counts against the monthly change limit). */
    public boolean isChange() {
        return !added.isEmpty() || !removed.isEmpty();
    }

    /**
     * How many of the month's changes it uses: WeChat counts each call, and a change takes one call
     * per removed category (deletecategory takes one) plus one call adding all new ones.
     */
    public int changesCounted() {
        return removed.size() + (added.isEmpty() ? 0 : 1);
    }

    /** Whether the UI must warn that templates will be deleted. */
    public boolean deletesTemplates() {
        return !deletedTemplates.isEmpty();
    }
}
