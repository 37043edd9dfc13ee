package app.fanmail.app.graphql;

import graphql.GraphQL;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.spi.EventingService;

/**
 * Fanmail's hook into SmallRye GraphQL's engine (found by ServiceLoader, so it needs no CDI
 * events): logs failing fields through {@link LoggingExceptionHandler}.
 */
public class FanmailGraphQLEvents implements EventingService {
    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.defaultDataFetcherExceptionHandler(new LoggingExceptionHandler(new ExceptionHandler()));
    }
}
