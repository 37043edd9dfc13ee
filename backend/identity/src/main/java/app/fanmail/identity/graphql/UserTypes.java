package app.fanmail.identity.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.identity.domain.User;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.security.Role;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL shapes of the identity module. */
public final class UserTypes {
    private UserTypes() {
    }

    @Type("User")
    @Description("A person who signs in to Fanmail.")
    public record UserNode(
            @NonNull @Id @Description("Stable identifier.") String id,
            @NonNull @Description("Sign-in name: lowercase letters, digits, '.', '_' or '-'.") String username,
            @NonNull @Description("What the user may do.") Role role,
            @NonNull @Description("Disabled users cannot sign in; their sessions were ended.") boolean enabled,
            @NonNull @Description("When the user was created.") Instant createdAt,
            @Description("Last successful sign-in, if any.") Instant lastSignInAt) {
        static UserNode of(User user) {
            return new UserNode(user.id().toString(), user.username(), user.role(), user.enabled(), user.createdAt(), user.lastSignInAt());
        }
    }

    @Type("UserEdge")
    @Description("A user in a page of users.")
    public record UserEdge(
            @NonNull @Description("Pass as `after` to continue after this user.") String cursor,
            @NonNull @Description("The user.") UserNode node) {
    }

    @Type("UserConnection")
    @Description("A page of users, ordered by username.")
    public record UserConnection(
            @NonNull @Description("The users of this page.") List<@NonNull UserEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo,
            @NonNull @Description("Number of users in total.") int totalCount) {
    }

    @Input("UserCreateInput")
    @Description("A new user.")
    public record UserCreateInput(
            @NonNull @Description("Sign-in name, 3–32 characters: lowercase letters, digits, '.', '_' or '-'.") String username,
            @NonNull @Description("Initial password, at least 10 characters.") String password,
            @NonNull @Description("What the user may do.") Role role) {
    }

    @Input("UserUpdateInput")
    @Description("Changes a user's role and whether they may sign in.")
    public record UserUpdateInput(
            @NonNull @Id @Description("The user to change.") String id,
            @NonNull @Description("The new role.") Role role,
            @NonNull @Description("False disables the user and ends their sessions.") boolean enabled) {
    }

    @Input("UserPasswordResetInput")
    @Description("Sets a new password for a user (admin action); their sessions end.")
    public record UserPasswordResetInput(
            @NonNull @Id @Description("The user.") String id,
            @NonNull @Description("The new password, at least 10 characters.") String password) {
    }

    @Input("ViewerPasswordChangeInput")
    @Description("The signed-in user changes their own password.")
    public record ViewerPasswordChangeInput(
            @NonNull @Description("The password used now.") String currentPassword,
            @NonNull @Description("The new password, at least 10 characters.") String newPassword) {
    }

    @Type("UserCreatePayload")
    @Description("Result of userCreate.")
    public record UserCreatePayload(
            @Description("The created user; null when refused.") UserNode user,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("UserUpdatePayload")
    @Description("Result of userUpdate.")
    public record UserUpdatePayload(
            @Description("The changed user; null when refused.") UserNode user,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("UserPasswordResetPayload")
    @Description("Result of userPasswordReset.")
    public record UserPasswordResetPayload(
            @Description("The user; null when refused.") UserNode user,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("ViewerPasswordChangePayload")
    @Description("Result of viewerPasswordChange.")
    public record ViewerPasswordChangePayload(
            @Description("The signed-in user; null when refused.") UserNode user,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

}
