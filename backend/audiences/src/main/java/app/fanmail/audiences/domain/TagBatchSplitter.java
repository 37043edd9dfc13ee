package app.fanmail.audiences.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags a chunk of up to 50 openids so that bad openids never fail the rest. WeChat refuses a whole batch when one
 * openid is bad (40003 invalid openid, 45059 a fan already at 20 tags…) without saying which: such a batch is split in
 * halves until every refused openid stands alone, so a chunk with one culprit costs about 2·log2(50) ≈ 12 calls and
 * every good openid is tagged. A failure that is not about one fan (the tag is gone, throttling, WeChat down) stops
 * the chunk: {@link Outcome#stopped()} says why, and the chunk is redone or the job fails as a whole.
 */
public final class TagBatchSplitter {
    /** How a failed call is handled: PER_FAN is split to find the culprits; RETRY and JOB stop the chunk. */
    public enum FailureKind { PER_FAN, RETRY, JOB }

    /** WeChat's refusal of one call. */
    public record Failure(FailureKind kind, int errcode, String message) {
    }

    /** One WeChat call over up to 50 openids: null when it succeeded, else WeChat's refusal. */
    @FunctionalInterface
    public interface Call {
        Failure call(List<String> openids);
    }

    /**
     * The chunk's outcome: per openid null (tagged) or its refusal; {@code stopped} non-null when a failure that is not
     * about one fan ended the chunk (the per-openid map is then incomplete and must not be written); {@code calls} made.
     */
    public record Outcome(Map<String, Failure> results, Failure stopped, int calls) {
    }

    private TagBatchSplitter() {
    }

    public static Outcome run(List<String> openids, Call call) {
        Map<String, Failure> results = new LinkedHashMap<>();
        int[] calls = {0};
        Failure stopped = split(openids, call, results, calls);
        return new Outcome(results, stopped, calls[0]);
    }

    private static Failure split(List<String> openids, Call call, Map<String, Failure> results, int[] calls) {
        if (openids.isEmpty()) {
            return null;
        }
        calls[0]++;
        Failure f = call.call(openids);
        if (f == null) {
            openids.forEach(o -> results.put(o, null));
            return null;
        }
        if (f.kind() != FailureKind.PER_FAN) {
            return f;
        }
        if (openids.size() == 1) {
            results.put(openids.get(0), f);
            return null;
        }
        int half = openids.size() / 2;
        Failure left = split(openids.subList(0, half), call, results, calls);
        if (left != null) {
            return left;
        }
        return split(openids.subList(half, openids.size()), call, results, calls);
    }
}
