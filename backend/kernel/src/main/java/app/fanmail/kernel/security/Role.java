package app.fanmail.kernel.security;

import org.eclipse.microprofile.graphql.Description;

/** What a signed-in user may do. Each role includes the rights of the roles below it. */
@Description("What a user may do: ADMIN manages users and everything else, OPERATOR manages accounts and sends, VIEWER reads.")
public enum Role {
    @Description("Manages users and everything an operator can do.")
    ADMIN(3),
    @Description("Manages official accounts, templates and sending.")
    OPERATOR(2),
    @Description("Reads everything, changes nothing.")
    VIEWER(1);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    /** True when this role has at least the rights of {@code required}. */
    public boolean includes(Role required) {
        return rank >= required.rank;
    }
}
