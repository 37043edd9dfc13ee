package app.fanmail.audiences.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Saved segments: a named fan filter per account, the name unique in the account (ignoring case). */
@ApplicationScoped
public class SegmentService {
    public static final int MAX_NAME = 100;

    @Inject
    SegmentRepository store;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;

    public List<StoredSegment> list(UUID accountId) {
        return store.list(accountId);
    }

    public Optional<StoredSegment> find(UUID id) {
        return store.find(id);
    }

    @Transactional
    public StoredSegment create(UUID accountId, String name, FanFilter filter) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        String n = checkedName(accountId, name, null);
        FanFilter f = checkedFilter(filter);
        Instant now = clock.instant();
        StoredSegment s = new StoredSegment(UUID.randomUUID(), accountId, n, f, now, now);
        store.insert(s);
        return s;
    }

    @Transactional
    public StoredSegment update(UUID id, String name, FanFilter filter) {
        StoredSegment old = store.find(id).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such segment."));
        String n = name == null ? old.name() : checkedName(old.accountId(), name, id);
        FanFilter f = filter == null ? old.filter() : checkedFilter(filter);
        StoredSegment s = new StoredSegment(id, old.accountId(), n, f, old.createdAt(), clock.instant());
        store.update(s);
        return s;
    }

    @Transactional
    public UUID delete(UUID id) {
        if (id == null || !store.delete(id)) {
            throw new UserErrorsException("NOT_FOUND", "id", "No such segment.");
        }
        return id;
    }

    private String checkedName(UUID accountId, String name, UUID except) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new UserErrorsException("NAME_REQUIRED", "name", "Give the segment a name.");
        }
        if (n.length() > MAX_NAME) {
            throw new UserErrorsException("NAME_TOO_LONG", "name", "A name has at most " + MAX_NAME + " characters.");
        }
        if (store.nameTaken(accountId, n, except)) {
            throw new UserErrorsException("NAME_TAKEN", "name", "The account already has a segment with this name.");
        }
        return n;
    }

    private static FanFilter checkedFilter(FanFilter filter) {
        FanFilter f = filter == null ? FanFilter.all() : filter;
        FanFilter.Problem p = f.problem();
        if (p != null) {
            throw new UserErrorsException("INVALID_FILTER", "filter." + p.field(), p.message());
        }
        return f;
    }
}
