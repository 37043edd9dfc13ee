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

    /** Whether the UI must warn that templates will be deleted. */
    public boolean deletesTemplates() {
        return !deletedTemplates.isEmpty();
    }
}
