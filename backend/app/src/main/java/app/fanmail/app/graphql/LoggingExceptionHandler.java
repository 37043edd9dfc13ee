package app.fanmail.app.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.graphql.WeChatBudgetExceededException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.ForbiddenException;
import app.fanmail.kernel.security.UnauthenticatedException;
import app.fanmail.kernel.security.Viewer;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;

/**
 * How a failing GraphQL field is logged. Refusals Fanmail means to make (no session, too low a
 * role, bad input, WeChat budget spent) are one line without a stack trace: they are answers, not
 * faults. Anything else is a fault and is logged at SEVERE with its stack trace. What the client
 * sees is decided by SmallRye's own handler, to which this delegates (mp.graphql.showErrorMessage).
 * Replaces SmallRye's logging, so {@code smallrye.graphql.printDataFetcherException} must be false.
 */
public final class LoggingExceptionHandler implements DataFetcherExceptionHandler {
    static final Logger LOG = Logger.getLogger("app.fanmail.graphql");

    private final DataFetcherExceptionHandler delegate;

    public LoggingExceptionHandler(DataFetcherExceptionHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        log(parameters.getException(), String.valueOf(parameters.getPath()));
        return delegate.handleException(parameters);
    }

    static void log(Throwable failure, String path) {
        Throwable refusal = refusal(failure);
        if (refusal == null) {
            LOG.log(Level.SEVERE, "GraphQL field " + path + " failed", failure);
            return;
        }
        Level level = refusal instanceof ForbiddenException || refusal instanceof UnauthenticatedException ? Level.WARNING : Level.INFO;
        if (LOG.isLoggable(level)) {
            String who = CurrentViewer.get().map(Viewer::username).orElse("(anonymous)");
            LOG.log(level, "GraphQL field {0} refused for {1}: {2}: {3}",
                    new Object[] {path, who, refusal.getClass().getSimpleName(), refusal.getMessage()});
        }
    }

    /** The refusal behind the failure (SmallRye or CDI may wrap it), or null when it is a fault. */
    static Throwable refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ForbiddenException || t instanceof UnauthenticatedException || t instanceof UserErrorsException
                    || t instanceof WeChatBudgetExceededException) {
                return t;
            }
        }
        return null;
    }
}
