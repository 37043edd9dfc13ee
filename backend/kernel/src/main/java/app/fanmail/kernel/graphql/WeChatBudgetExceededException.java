package app.fanmail.kernel.graphql;

import io.smallrye.graphql.api.ErrorCode;

/**
 * One GraphQL operation asked for more WeChat-calling fields than allowed. Surfaces as a
 * top-level error with code WECHAT_CALL_BUDGET_EXCEEDED on each field beyond the budget.
 */
@ErrorCode("WECHAT_CALL_BUDGET_EXCEEDED")
public class WeChatBudgetExceededException extends RuntimeException {
    public WeChatBudgetExceededException(int budget) {
        super("One request may ask WeChat for at most " + budget
                + " fields (WeChat limits API calls per account); send the other fields in separate requests.");
    }
}
