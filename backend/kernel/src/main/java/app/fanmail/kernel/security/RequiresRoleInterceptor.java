package app.fanmail.kernel.security;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link RequiresRole}: the method's own annotation wins over its class's. */
@RequiresRole(Role.ADMIN)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RequiresRoleInterceptor {

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        CurrentViewer.require(requiredRole(context));
        return context.proceed();
    }

    static Role requiredRole(InvocationContext context) {
        RequiresRole onMethod = context.getMethod().getAnnotation(RequiresRole.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        RequiresRole onClass = context.getMethod().getDeclaringClass().getAnnotation(RequiresRole.class);
        if (onClass == null && context.getTarget() != null) {
            onClass = context.getTarget().getClass().getAnnotation(RequiresRole.class);
        }
        return onClass != null ? onClass.value() : Role.ADMIN;
    }
}
