package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.audiences.api.AudienceCount;
import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.ValueProbe;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * {@link Audiences}: resolves a selector (the segment's filter, the upload's lines), reads the account's open windows
 * when the purpose or the filter needs them (before any transaction), then counts or snapshots in SQL.
 */
@ApplicationScoped
public class AudiencesFacade implements Audiences {
    public static final int MAX_CHUNK = 10_000;

    @Inject
    AccountDirectory accounts;
    @Inject
    SegmentRepository segments;
    @Inject
    UploadRepository uploads;
    @Inject
    OpenWindows openWindows;
    @Inject
    SelectorService selections;
    @Inject
    TestFanService testFans;

    private record Resolved(SelectionRepository.Selection selection, List<String> columns, Collection<String> windows) {
    }

    private Resolved resolve(UUID accountId, AudienceSelector selector, Purpose purpose) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        if (selector == null) {
            throw new UserErrorsException("SELECTOR_REQUIRED", "kind", "Say who the audience is.");
        }
        Set<String> windows = purpose == Purpose.CUSTOMER_SERVICE ? openWindows.openids(accountId) : null;
        if (selector instanceof AudienceSelector.Tags t) {
            if (t.tagIds().isEmpty()) {
                throw new UserErrorsException("TAGS_REQUIRED", "tagIds", "Choose at least one tag.");
            }
            FanFilter f = new FanFilter(null, t.tagIds(), FanFilter.TagMatch.valueOf(t.match().name()), null, null, null, null);
            if (f.problem() != null) {
                throw new UserErrorsException("INVALID_FILTER", f.problem().field(), f.problem().message());
            }
            return new Resolved(new SelectionRepository.FanSelection(f, null), List.of(), windows);
        }
        if (selector instanceof AudienceSelector.Segment s) {
            StoredSegment segment = Optional.ofNullable(s.segmentId()).flatMap(segments::find)
                    .filter(x -> x.accountId().equals(accountId))
                    .orElseThrow(() -> new UserErrorsException("NOT_FOUND", "segmentId", "No such segment."));
            Collection<String> filterWindows = !segment.filter().needsWindows() ? null
                    : windows != null ? windows : openWindows.openids(accountId);
            return new Resolved(new SelectionRepository.FanSelection(segment.filter(), filterWindows), List.of(), windows);
        }
        if (selector instanceof AudienceSelector.Upload u) {
            StoredUpload upload = Optional.ofNullable(u.uploadId()).flatMap(uploads::find)
                    .filter(x -> x.accountId().equals(accountId))
                    .orElseThrow(() -> new UserErrorsException("NOT_FOUND", "uploadId", "No such upload."));
            if (upload.status() != StoredUpload.Status.READY) {
                throw new UserErrorsException("UPLOAD_NOT_READY", "uploadId", upload.status() == StoredUpload.Status.FAILED
                        ? "The upload failed; upload the list again." : "The upload is still being read.");
            }
            return new Resolved(new SelectionRepository.UploadSelection(upload.id()), upload.columns(), windows);
        }
        return new Resolved(new SelectionRepository.FanSelection(FanFilter.all(), null), List.of(), windows);
    }

    @Override
    public AudienceCount count(UUID accountId, AudienceSelector selector, Purpose purpose) {
        Resolved r = resolve(accountId, selector, purpose);
        return selections.count(accountId, r.selection(), r.windows());
    }

    @Override
    public AudienceProfile profile(UUID accountId, AudienceSelector selector, Purpose purpose, Collection<String> requiredColumns,
                                   List<ValueProbe> probes, int sampleSize) {
        if (sampleSize < 0 || sampleSize > 10) {
            throw new IllegalArgumentException("sampleSize must be between 0 and 10");
        }
        Resolved r = resolve(accountId, selector, purpose);
        return selections.profile(accountId, r.selection(), r.windows(), r.columns(), requiredColumns == null ? List.of() : requiredColumns,
                probes == null ? List.of() : probes, sampleSize);
    }

    @Override
    public AudienceSnapshot snapshot(UUID accountId, AudienceSelector selector, Purpose purpose) {
        Resolved r = resolve(accountId, selector, purpose);
        return selections.snapshot(accountId, selectorJson(selector), purpose, r.selection(), r.columns(), r.windows());
    }

    @Override
    public Optional<AudienceSnapshot> findSnapshot(UUID snapshotId) {
        return snapshotId == null ? Optional.empty() : selections.find(snapshotId);
    }

    @Override
    public RecipientChunk read(UUID snapshotId, long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_CHUNK) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_CHUNK);
        }
        return selections.read(snapshotId, afterSeq, limit);
    }

    @Override
    public app.fanmail.audiences.api.SnapshotMembers members(UUID snapshotId, Collection<String> requiredColumns) {
        AudienceSnapshot s = selections.find(snapshotId).orElseThrow(() -> new IllegalArgumentException("no snapshot " + snapshotId));
        return selections.members(snapshotId, s.columns(), requiredColumns == null ? List.of() : requiredColumns);
    }

    @Override
    public AudienceProfile profileSnapshot(UUID snapshotId, Collection<String> requiredColumns, List<ValueProbe> probes, int sampleSize) {
        if (sampleSize < 0 || sampleSize > 10) {
            throw new IllegalArgumentException("sampleSize must be between 0 and 10");
        }
        AudienceSnapshot s = selections.find(snapshotId).orElseThrow(() -> new IllegalArgumentException("no snapshot " + snapshotId));
        return selections.profileSnapshot(s, requiredColumns == null ? List.of() : requiredColumns, probes == null ? List.of() : probes, sampleSize);
    }

    @Override
    public List<app.fanmail.audiences.api.Recipient> recipients(UUID snapshotId, long[] seqs) {
        if (seqs.length > 1000) {
            throw new IllegalArgumentException("at most 1,000 seqs at a time");
        }
        return seqs.length == 0 ? List.of() : selections.recipients(snapshotId, seqs);
    }

    @Override
    public boolean deleteSnapshot(UUID snapshotId) {
        return snapshotId != null && selections.delete(snapshotId);
    }

    @Override
    public int deleteSnapshotsBefore(Instant cutoff) {
        return selections.deleteBefore(cutoff);
    }

    /** The selector as recorded with a snapshot. */
    static String selectorJson(AudienceSelector selector) {
        JsonObjectBuilder b = JsonFactories.object();
        if (selector instanceof AudienceSelector.Tags t) {
            JsonArrayBuilder ids = JsonFactories.array();
            t.tagIds().forEach(ids::add);
            b.add("kind", "TAGS").add("tagIds", ids).add("tagMatch", t.match().name());
        } else if (selector instanceof AudienceSelector.Upload u) {
            b.add("kind", "UPLOAD").add("uploadId", u.uploadId().toString());
        } else if (selector instanceof AudienceSelector.Segment s) {
            b.add("kind", "SEGMENT").add("segmentId", s.segmentId().toString());
        } else {
            b.add("kind", "ALL");
        }
        return b.build().toString();
    }

    @Override
    public List<app.fanmail.audiences.api.TestFan> testFans(UUID accountId) {
        return testFans.list(accountId);
    }
}
