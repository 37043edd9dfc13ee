package app.fanmail.app.graphql;

import org.eclipse.microprofile.config.ConfigProvider;

import graphql.GraphQL;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.parser.ParserOptions;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.spi.EventingService;

/**
 * Fanmail's hook into SmallRye GraphQL's engine (found by ServiceLoader, so it needs no CDI
 * events), run once when the engine is built:
 * <ul>
 * <li>logs failing fields through {@link LoggingExceptionHandler}, subscriptions included;</li>
 * <li>applies {@code smallrye.graphql.parser.maxTokens} to the parsing of operations. SmallRye
 * 2.17 sets it only on graphql-java's default parser options, which graphql-java 24 uses for SDL;
 * operations are parsed with the separate operation parser options (default 15000 tokens).</li>
 * </ul>
 */
public class FanmailGraphQLEvents implements EventingService {
    static final String MAX_TOKENS = "smallrye.graphql.parser.maxTokens";

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        ConfigProvider.getConfig().getOptionalValue(MAX_TOKENS, Integer.class).ifPresent(max ->
                ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(max))));
        LoggingExceptionHandler handler = new LoggingExceptionHandler(new ExceptionHandler());
        // SmallRye gives subscriptions a strategy with its own handler; the same logging applies there
        return builder.defaultDataFetcherExceptionHandler(handler).subscriptionExecutionStrategy(new SubscriptionExecutionStrategy(handler));
    }
}
