package app.fanmail.kernel.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import graphql.GraphQLContext;

class WeChatBudgetTest {

    @Test
    void anOperationMaySpendItsBudgetAndNoMore() {
        GraphQLContext operation = GraphQLContext.newContext().build();
        for (int i = 0; i < 3; i++) {
            WeChatBudgetInterceptor.spend(operation, 3);
        }
        assertThatThrownBy(() -> WeChatBudgetInterceptor.spend(operation, 3))
                .isInstanceOf(WeChatBudgetExceededException.class)
                .hasMessageContaining("at most 3");
    }

    @Test
    void eachOperationHasItsOwnBudget() {
        GraphQLContext first = GraphQLContext.newContext().build();
        GraphQLContext second = GraphQLContext.newContext().build();
        WeChatBudgetInterceptor.spend(first, 1);
        WeChatBudgetInterceptor.spend(second, 1);
        assertThatThrownBy(() -> WeChatBudgetInterceptor.spend(first, 1)).isInstanceOf(WeChatBudgetExceededException.class);
    }

    @Test
    void theCodeIsStable() {
        assertThat(WeChatBudgetExceededException.class.getAnnotation(io.smallrye.graphql.api.ErrorCode.class).value())
                .isEqualTo("WECHAT_CALL_BUDGET_EXCEEDED");
    }
}
