package app.fanmail.wechat.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.wechat.application.CallbackEventQueries.Conditions;

/** The events console's filters as SQL: parameters numbered in order, types compared lower-case, exclusions in the statement. */
class CallbackEventConditionsTest {
    private static final UUID ACCOUNT = UUID.randomUUID();

    @Test
    void everyFilterIsAConditionWithItsOwnParameterInOrder() {
        Conditions c = Conditions.of(ACCOUNT, List.of("Text", "subscribe"), List.of(" TEMPLATESENDJOBFINISH ", "templatesendjobfinish"), "oFan");

        assertThat(c.sql()).isEqualTo("account_id = ?1 and " + CallbackEventQueries.TYPE + " = any(?2) and not (" + CallbackEventQueries.TYPE
                + " = any(?3)) and from_openid = ?4");
        assertThat(c.params()).hasSize(4);
        assertThat(c.params().get(0)).isEqualTo(ACCOUNT);
        assertThat((String[]) c.params().get(1)).containsExactly("text", "subscribe");
        assertThat((String[]) c.params().get(2)).as("trimmed, lower-case, once").containsExactly("templatesendjobfinish");
        assertThat(c.params().get(3)).isEqualTo("oFan");
    }

    @Test
    void anExclusionAloneIsNumberedRightAfterTheAccount() {
        Conditions c = Conditions.of(ACCOUNT, null, List.of("templatesendjobfinish"), null);

        assertThat(c.sql()).isEqualTo("account_id = ?1 and not (" + CallbackEventQueries.TYPE + " = any(?2))");
        assertThat(c.params()).hasSize(2);
    }

    @Test
    void emptyOrBlankListsAddNoCondition() {
        Conditions c = Conditions.of(ACCOUNT, List.of(), Arrays.asList(" ", null), null);

        assertThat(c.sql()).isEqualTo("account_id = ?1");
        assertThat(c.params()).containsExactly(ACCOUNT);
    }
}
