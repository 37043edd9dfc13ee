package app.fanmail.audiences.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.api.AudienceCount;
import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.ValueProbe;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.RecipientChunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The transactions behind {@link AudiencesFacade}: it resolves selectors and reads windows first, this counts and writes. */
@ApplicationScoped
public class SelectorService {
    @Inject
    SelectionRepository store;
    @Inject
    Clock clock;

    @Transactional
    public AudienceCount count(UUID accountId, SelectionRepository.Selection selection, Collection<String> windows) {
        return store.count(accountId, selection, windows);
    }

    @Transactional
    public AudienceProfile profile(UUID accountId, SelectionRepository.Selection selection, Collection<String> windows, List<String> columns,
                                   Collection<String> requiredColumns, List<ValueProbe> probes, int sampleSize) {
        return store.profile(accountId, selection, windows, columns, requiredColumns, probes, sampleSize);
    }

    @Transactional
    public AudienceSnapshot snapshot(UUID accountId, String selectorJson, Purpose purpose, SelectionRepository.Selection selection,
                                     List<String> columns, Collection<String> windows) {
        return store.snapshot(UUID.randomUUID(), accountId, selectorJson, purpose, selection, columns, windows, clock.instant());
    }

    public Optional<AudienceSnapshot> find(UUID snapshotId) {
        return store.find(snapshotId);
    }

    @Transactional
    public RecipientChunk read(UUID snapshotId, long afterSeq, int limit) {
        return store.read(snapshotId, afterSeq, limit);
    }

    @Transactional
    public app.fanmail.audiences.api.SnapshotMembers members(UUID snapshotId, List<String> columns, Collection<String> requiredColumns) {
        return store.members(snapshotId, columns, requiredColumns);
    }

    @Transactional
    public AudienceProfile profileSnapshot(AudienceSnapshot snapshot, Collection<String> requiredColumns, List<ValueProbe> probes, int sampleSize) {
        return store.profileSnapshot(snapshot, requiredColumns, probes, sampleSize);
    }

    @Transactional
    public List<app.fanmail.audiences.api.Recipient> recipients(UUID snapshotId, long[] seqs) {
        return store.recipients(snapshotId, seqs);
    }

    @Transactional
    public boolean delete(UUID snapshotId) {
        return store.delete(snapshotId);
    }

    @Transactional
    public int deleteBefore(Instant cutoff) {
        return store.deleteBefore(cutoff);
    }
}
