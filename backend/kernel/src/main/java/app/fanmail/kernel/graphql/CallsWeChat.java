package app.fanmail.kernel.graphql;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a GraphQL field (resolver method) whose resolution calls WeChat's API. One GraphQL
 * operation may resolve at most {@code fanmail.graphql.wechat-fields-per-operation} such fields
 * (aliases count one each); beyond that the field fails with {@link WeChatBudgetExceededException}
 * before it runs. Put it on resolvers only: the count belongs to a GraphQL operation.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CallsWeChat {
}
