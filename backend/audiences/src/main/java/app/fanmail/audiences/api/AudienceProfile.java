package app.fanmail.audiences.api;

import java.util.List;

/**
 * What a send plan needs to know about a selector without a snapshot (one aggregate query and one small read):
 * {@code count} as {@link Audiences#count} gives it; the list's {@code columns} (uploads; empty otherwise);
 * {@code missingValue}: reachable members lacking a value (empty or blank) in any of the required columns; for each
 * probe, in order, among the reachable members not missing a value, how many values are empty and how many are
 * longer than the probe's limit; and up to the asked number of those members as a sample, in seq order.
 */
public record AudienceProfile(AudienceCount count, List<String> columns, long missingValue, List<ProbeCount> probes,
                              List<Recipient> sample) {
    public AudienceProfile {
        columns = List.copyOf(columns);
        probes = List.copyOf(probes);
        sample = List.copyOf(sample);
    }

    /** One probe's counts: values that are empty (or blank) and values longer than its limit. */
    public record ProbeCount(long empty, long longer) {
    }
}
