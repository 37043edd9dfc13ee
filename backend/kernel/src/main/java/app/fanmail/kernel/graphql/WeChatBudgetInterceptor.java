package app.fanmail.kernel.graphql;

import java.util.concurrent.atomic.AtomicInteger;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Enforces {@link CallsWeChat}: counts the WeChat-calling fields of the current GraphQL operation
 * in the operation's own {@link GraphQLContext} (so the count dies with the operation, over HTTP
 * and WebSocket alike) and refuses those beyond the budget. Runs after the role check.
 */
@CallsWeChat
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class WeChatBudgetInterceptor {
    static final String COUNTER = WeChatBudgetInterceptor.class.getName() + ".count";

    @Inject
    Instance<Context> graphql;
    @Inject
    @ConfigProperty(name = "fanmail.graphql.wechat-fields-per-operation", defaultValue = "3")
    int budget;

    @AroundInvoke
    Object count(InvocationContext invocation) throws Exception {
        GraphQLContext operation = currentOperation();
        if (operation == null) {
            throw new IllegalStateException(invocation.getMethod() + " is marked @CallsWeChat but runs outside a GraphQL operation");
        }
        spend(operation, budget);
        return invocation.proceed();
    }

    /** Counts one field against the operation's budget; refuses it when the budget is spent. */
    static void spend(GraphQLContext operation, int budget) {
        AtomicInteger used = operation.computeIfAbsent(COUNTER, k -> new AtomicInteger());
        if (used.incrementAndGet() > budget) {
            throw new WeChatBudgetExceededException(budget);
        }
    }

    private GraphQLContext currentOperation() {
        try {
            DataFetchingEnvironment env = graphql.get().unwrap(DataFetchingEnvironment.class);
            return env == null ? null : env.getGraphQlContext();
        } catch (RuntimeException noGraphQLContext) {
            return null;
        }
    }
}
