package app.fanmail.audiences.application;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.audiences.domain.TagRules;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Tags synced with WeChat: WeChat's limits (as the gateway states them, {@link TagGateway#rules()}) are checked on
 * Fanmail's copy first (nothing is sent when one is broken), then WeChat is asked and its own refusals become the same
 * user errors, then Fanmail's copy is updated. Calls WeChat outside any transaction; each store write is a short
 * transaction of its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class TagService {
    @Inject
    TagGateway gateway;
    @Inject
    TagRepository store;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;

    /**
     * A tag with Fanmail's own member count (subscribed fans whose tag ids have it); {@code reserved} for WeChat's own
     * tags, which cannot be renamed or deleted.
     */
    public record TagWithCount(StoredTag tag, long fanCount, boolean reserved) {
    }

    public List<TagWithCount> list(UUID accountId) {
        account(accountId);
        Map<Integer, Long> counts = store.fanCounts(accountId);
        return store.all(accountId).stream().map(t -> withCount(t, counts.getOrDefault(t.id(), 0L))).toList();
    }

    public Optional<TagWithCount> find(UUID accountId, int tagId) {
        return store.find(accountId, tagId).map(t -> withCount(t, store.fanCounts(accountId).getOrDefault(tagId, 0L)));
    }

    private TagWithCount withCount(StoredTag tag, long fanCount) {
        return new TagWithCount(tag, fanCount, gateway.rules().reserved(tag.id()));
    }

    /** Reloads the account's tags from WeChat. */
    public List<TagWithCount> refresh(UUID accountId) {
        account(accountId);
        List<TagGateway.RemoteTag> remote;
        try {
            remote = gateway.tags(accountId);
        } catch (TagGateway.Refused e) {
            throw refused(e, -1, null);
        }
        store.replaceAll(accountId, remote, clock.instant());
        return list(accountId);
    }

    public TagWithCount create(UUID accountId, String name) {
        account(accountId);
        TagRules rules = gateway.rules();
        String n = name == null ? "" : name.strip();
        List<StoredTag> tags = store.all(accountId);
        rules.nameProblem(n, tags.stream().map(StoredTag::name).toList()).ifPresent(v -> {
            throw error(v);
        });
        rules.createProblem((int) tags.stream().filter(t -> !rules.reserved(t.id())).count()).ifPresent(v -> {
            throw error(v);
        });
        TagGateway.RemoteTag created;
        try {
            created = gateway.create(accountId, n);
        } catch (TagGateway.Refused e) {
            throw nameRefused(accountId, e, -1, n);
        }
        store.save(accountId, new TagGateway.RemoteTag(created.id(), n, 0), clock.instant());
        return withCount(store.find(accountId, created.id()).orElseThrow(), 0);
    }

    public TagWithCount rename(UUID accountId, int tagId, String name) {
        account(accountId);
        TagRules rules = gateway.rules();
        rules.changeProblem(tagId).ifPresent(v -> {
            throw error(v);
        });
        StoredTag tag = existing(accountId, tagId);
        String n = name == null ? "" : name.strip();
        rules.nameProblem(n, store.all(accountId).stream().filter(t -> t.id() != tagId).map(StoredTag::name).toList()).ifPresent(v -> {
            throw error(v);
        });
        if (!n.equals(tag.name())) {
            try {
                gateway.rename(accountId, tagId, n);
            } catch (TagGateway.Refused e) {
                if (e.reason() == TagRules.Reason.TAG_UNKNOWN) {
                    store.remove(accountId, tagId);
                }
                throw nameRefused(accountId, e, tagId, n);
            }
            store.save(accountId, new TagGateway.RemoteTag(tagId, n, tag.wechatCount()), clock.instant());
        }
        return find(accountId, tagId).orElseThrow();
    }

    /** Deletes the tag in WeChat and here (Fanmail's fans lose it too); one WeChat no longer has is just removed here. */
    public int delete(UUID accountId, int tagId) {
        account(accountId);
        TagRules rules = gateway.rules();
        rules.changeProblem(tagId).ifPresent(v -> {
            throw error(v);
        });
        StoredTag tag = existing(accountId, tagId);
        long fans = Math.max(tag.wechatCount(), store.fanCounts(accountId).getOrDefault(tagId, 0L));
        rules.deleteProblem(tagId, fans).ifPresent(v -> {
            throw error(v);
        });
        try {
            gateway.delete(accountId, tagId);
        } catch (TagGateway.Refused e) {
            if (e.reason() != TagRules.Reason.TAG_UNKNOWN) {
                throw refused(e, tagId, null);
            }
        }
        store.remove(accountId, tagId);
        return tagId;
    }

    StoredTag existing(UUID accountId, int tagId) {
        return store.find(accountId, tagId).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "tagId",
                "No tag " + tagId + " in this account; refresh the tags if it was created in WeChat."));
    }

    void account(UUID accountId) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
    }

    /**
     * WeChat answers 45157 both for an invalid name and for one another tag has: after such a refusal the tags are
     * reloaded, and a tag of that name (created in WeChat behind Fanmail's back) makes it TAG_NAME_TAKEN.
     */
    private UserErrorsException nameRefused(UUID accountId, TagGateway.Refused e, int tagId, String name) {
        if (e.reason() == TagRules.Reason.NAME_INVALID) {
            try {
                List<TagGateway.RemoteTag> remote = gateway.tags(accountId);
                store.replaceAll(accountId, remote, clock.instant());
                if (remote.stream().anyMatch(t -> t.name().equals(name) && t.id() != tagId)) {
                    return error(TagRules.nameTaken(name));
                }
            } catch (TagGateway.Refused ignored) {
                // the refusal stands as WeChat gave it
            }
        }
        return refused(e, tagId, name);
    }

    private UserErrorsException refused(TagGateway.Refused e, int tagId, String name) {
        if (e.kind() == app.fanmail.audiences.domain.TagBatchSplitter.FailureKind.RETRY) {
            return new UserErrorsException("WECHAT_UNAVAILABLE", null, "WeChat answered " + e.errcode() + ": " + e.errmsg() + " Try again later.");
        }
        return error(gateway.rules().refusal(e.reason(), e.errcode(), e.errmsg(), tagId, name));
    }

    static UserErrorsException error(TagRules.Violation v) {
        return new UserErrorsException(v.code(), v.field(), v.message());
    }
}
