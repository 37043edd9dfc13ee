package app.fanmail.app.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.graphql.WeChatBudgetExceededException;
import app.fanmail.kernel.security.ForbiddenException;
import app.fanmail.kernel.security.Role;

class LoggingExceptionHandlerTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        LoggingExceptionHandler.LOG.addHandler(capture);
    }

    @AfterEach
    void release() {
        LoggingExceptionHandler.LOG.removeHandler(capture);
    }

    @Test
    void aRoleRefusalIsOneWarningWithoutAStackTraceEvenWhenWrapped() {
        LoggingExceptionHandler.log(new RuntimeException("wrapped", new ForbiddenException(Role.ADMIN)), "/users");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(records.get(0).getThrown()).isNull();
        assertThat(records.get(0).getParameters()).contains("/users", "ForbiddenException");
    }

    @Test
    void userErrorsAndTheWeChatBudgetAreInfo() {
        LoggingExceptionHandler.log(new UserErrorsException("X", "f", "m"), "/a");
        LoggingExceptionHandler.log(new WeChatBudgetExceededException(3), "/b");
        assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.INFO, Level.INFO);
        assertThat(records).allSatisfy(r -> assertThat(r.getThrown()).isNull());
    }

    @Test
    void aFaultIsSevereWithItsStackTrace() {
        IllegalStateException fault = new IllegalStateException("boom");
        LoggingExceptionHandler.log(fault, "/c");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.SEVERE);
        assertThat(records.get(0).getThrown()).isSameAs(fault);
    }
}
