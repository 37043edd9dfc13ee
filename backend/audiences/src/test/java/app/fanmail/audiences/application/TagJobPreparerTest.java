package app.fanmail.audiences.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagJobStatus;
import jakarta.enterprise.concurrent.ManagedExecutorService;

/** The preparation of filter and upload tag jobs over a recording repository and an executor that runs when told. */
class TagJobPreparerTest {
    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final UUID ACCOUNT = UUID.randomUUID();

    private final Deque<Runnable> background = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> kicks = new ArrayList<>();
    private Optional<TagJobRepository.Preparation> preparation = Optional.empty();
    private boolean cancelledMeanwhile;
    private List<UUID> abandoned = List.of();
    private final Set<UUID> claimable = new java.util.HashSet<>();
    private final TagJobPreparer preparer = new TagJobPreparer();

    TagJobPreparerTest() {
        preparer.self = preparer;
        preparer.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        preparer.jobs = repository();
        preparer.windows = new OpenWindows() {
            @Override
            public Set<String> openids(UUID accountId) {
                calls.add("windows");
                return Set.of("w1");
            }

            @Override
            public java.util.List<String> openids(UUID accountId, String afterOpenid, int limit) {
                throw new AssertionError("the preparation reads the whole open set");
            }
        };
        preparer.uploads = new UploadedOpenids() {
            @Override
            public boolean exists(UUID accountId, UUID uploadId) {
                return true;
            }

            @Override
            public List<Row> page(UUID uploadId, int afterLine, int limit) {
                calls.add("upload page after " + afterLine);
                return afterLine == 0 ? List.of(new Row(2, "a"), new Row(3, "b")) : List.of();
            }
        };
        preparer.runner = new TagJobRunner() {
            @Override
            public void kick() {
                kicks.add("kick");
            }
        };
        preparer.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        background.add((Runnable) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private TagJobRepository repository() {
        return (TagJobRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TagJobRepository.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "preparation" -> preparation;
                    case "addFromFilter" -> {
                        calls.add("filter windows=" + args[3]);
                        yield 2;
                    }
                    case "addOpenids" -> {
                        calls.add("items from " + args[1]);
                        yield ((List<?>) args[2]).size();
                    }
                    case "refuseFansAtTagLimit" -> {
                        calls.add("refuse 45059");
                        yield 0;
                    }
                    case "seal" -> {
                        calls.add("seal");
                        yield cancelledMeanwhile ? Optional.empty() : Optional.of(job((UUID) args[0], TagJobStatus.RUNNING));
                    }
                    case "announce" -> {
                        calls.add("announce");
                        yield null;
                    }
                    case "abandonedPreparations" -> abandoned;
                    case "claimPreparation" -> claimable.remove((UUID) args[0]) ? preparation : Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static TagJobView job(UUID id, TagJobStatus status) {
        return new TagJobView(id, ACCOUNT, 300, "t", TagAction.TAG, "FILTER", status, 2, 0, 0, 0, null, null, NOW, null);
    }

    private void drain() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void aFiltersJobIsPreparedInTheBackgroundThenRuns() {
        UUID id = UUID.randomUUID();
        FanFilter windowed = new FanFilter(null, null, null, null, null, null, FanFilter.WindowState.OPEN);
        preparation = Optional.of(new TagJobRepository.Preparation(id, ACCOUNT, 300, TagAction.TAG, windowed, null));
        preparer.submit(id);
        assertThat(calls).as("nothing on the caller's thread").isEmpty();
        drain();
        assertThat(calls).containsExactly("windows", "filter windows=[w1]", "refuse 45059", "seal", "announce");
        assertThat(kicks).containsExactly("kick");
    }

    @Test
    void anUploadsJobGetsItsLinesPageByPage() {
        UUID id = UUID.randomUUID();
        preparation = Optional.of(new TagJobRepository.Preparation(id, ACCOUNT, 300, TagAction.UNTAG, null, UUID.randomUUID()));
        preparer.submit(id);
        drain();
        assertThat(calls).containsExactly("upload page after 0", "items from 1", "seal", "announce");
    }

    @Test
    void aJobCancelledWhilePreparingIsLeftAlone() {
        UUID id = UUID.randomUUID();
        preparation = Optional.of(new TagJobRepository.Preparation(id, ACCOUNT, 300, TagAction.UNTAG, new FanFilter(null, List.of(7), null, null, null,
                null, null), null));
        cancelledMeanwhile = true;
        preparer.submit(id);
        drain();
        assertThat(calls).as("seal found it cancelled: rolled back, not announced").containsExactly("filter windows=[]", "seal");
        assertThat(kicks).isEmpty();

        calls.clear();
        preparation = Optional.empty(); // cancelled before its preparation began
        preparer.submit(id);
        drain();
        assertThat(calls).isEmpty();
    }

    @Test
    void theSweepPreparesOnlyTheAbandonedJobsItClaims() {
        UUID mine = UUID.randomUUID();
        UUID takenByAnotherNode = UUID.randomUUID();
        abandoned = List.of(mine, takenByAnotherNode);
        claimable.add(mine);
        preparation = Optional.of(new TagJobRepository.Preparation(mine, ACCOUNT, 300, TagAction.UNTAG, new FanFilter(null, List.of(7), null, null,
                null, null, null), null));
        preparer.sweep();
        assertThat(background).hasSize(1);
        drain();
        assertThat(calls).containsExactly("filter windows=[]", "seal", "announce");
    }
}
