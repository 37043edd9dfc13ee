package app.fanmail.templates.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

import app.fanmail.kernel.graphql.UserError;

/**
 * Whether the account may change its industries or categories now.
 *
 * @param model        the setup model
 * @param allowed      whether a change is allowed now
 * @param limit        changes allowed per calendar month (China time)
 * @param used         changes already made this month
 * @param month        the current month in China time
 * @param resetsAt     the first instant of next month in China time, when the count starts again
 * @param nextChangeAt when the next change is allowed: null when allowed now, else {@code resetsAt}
 */
public record ChangeAllowance(SetupModel model, boolean allowed, int limit, int used, YearMonth month,
                              Instant resetsAt, Instant nextChangeAt) {

    public ChangeAllowance {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(resetsAt, "resetsAt");
    }

    /** Changes left this month, never negative. */
    public int remaining() {
        return Math.max(0, limit - used);
    }

    /**
     * The refusal as a user error ({@code INDUSTRY_CHANGE_LIMIT_REACHED} or
     * {@code CATEGORY_CHANGE_LIMIT_REACHED}, WeChat's errcode 43100); empty when allowed.
     */
    public Optional<UserError> refusal() {
        if (allowed) {
            return Optional.empty();
        }
        String what = model == SetupModel.INDUSTRY ? "industries" : "categories";
        return Optional.of(UserError.of(model.name() + "_CHANGE_LIMIT_REACHED", null,
                "WeChat allows " + limit + " change(s) of " + what + " per calendar month (China time) and "
                        + used + " were made in " + month + "; the next change is possible from " + nextChangeAt
                        + " (" + ChangeLimits.CHINA_TIME.getId() + " midnight)."));
    }
}
