package app.fanmail.templates.application;

import java.time.Instant;
import java.util.List;

import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.SetupModel;

/**
 * One change of an account's template setup made through Fanmail, as recorded for the monthly
 * limits and the history: new industries, or categories added or removed in one WeChat call.
 *
 * @param changedBy the user's name; null for changes recorded before Fanmail kept it
 */
public record StoredSetupChange(SetupModel model, Instant changedAt, String changedBy, Integer primaryIndustryId,
                                Integer secondaryIndustryId, List<ServiceCategory> added, List<ServiceCategory> removed) {
    public StoredSetupChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }
}
