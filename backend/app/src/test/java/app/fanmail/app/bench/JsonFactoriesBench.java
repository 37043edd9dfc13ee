package app.fanmail.app.bench;

import java.util.Arrays;

import app.fanmail.kernel.json.JsonFactories;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * What a JSON-P builder costs through {@code Json.createObjectBuilder()} (a provider lookup per call)
 * and through the shared {@link JsonFactories}, in a plain JVM with a flat class path (the issue measured
 * 46-94 µs per lookup inside WildFly). Prints the median of the rounds in ns per built object; no
 * assertion, nothing timed in tests.
 *
 * <pre>java -cp … app.fanmail.app.bench.JsonFactoriesBench [rounds=7] [objectsPerRound=200000]</pre>
 */
public final class JsonFactoriesBench {
    private static volatile Object sink;

    private JsonFactoriesBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        for (int warmup = 0; warmup < 2; warmup++) {
            lookup(perRound);
            shared(perRound);
        }
        long[] lookup = new long[rounds];
        long[] shared = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            lookup[r] = lookup(perRound);
            shared[r] = shared(perRound);
        }
        System.out.printf("Json.createObjectBuilder(): %d ns per object (median of %d rounds of %d)%n", median(lookup), rounds, perRound);
        System.out.printf("JsonFactories.object():     %d ns per object%n", median(shared));
    }

    private static long lookup(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            JsonObject o = Json.createObjectBuilder().add("touser", "o" + (i & 7)).add("msgtype", "text").build();
            sink = o;
        }
        return (System.nanoTime() - start) / n;
    }

    private static long shared(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            JsonObject o = JsonFactories.object().add("touser", "o" + (i & 7)).add("msgtype", "text").build();
            sink = o;
        }
        return (System.nanoTime() - start) / n;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
