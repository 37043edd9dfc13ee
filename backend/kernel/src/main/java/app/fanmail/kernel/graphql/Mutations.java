package app.fanmail.kernel.graphql;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs a mutation's service call and turns its outcome into the payload, business refusals into userErrors. */
public final class Mutations {
    private Mutations() {
    }

    public static <T, P> P attempt(Supplier<T> action, Function<T, P> done, Function<List<UserError>, P> refused) {
        T result;
        try {
            result = action.get();
        } catch (UserErrorsException e) {
            return refused.apply(e.errors());
        }
        return done.apply(result);
    }
}
