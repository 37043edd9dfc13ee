package app.fanmail.identity.graphql;

import java.util.List;
import java.util.UUID;

import app.fanmail.identity.application.SessionService;
import app.fanmail.identity.application.UserService;
import app.fanmail.identity.graphql.UserTypes.UserConnection;
import app.fanmail.identity.graphql.UserTypes.UserCreateInput;
import app.fanmail.identity.graphql.UserTypes.UserCreatePayload;
import app.fanmail.identity.graphql.UserTypes.UserEdge;
import app.fanmail.identity.graphql.UserTypes.UserNode;
import app.fanmail.identity.graphql.UserTypes.UserPasswordResetInput;
import app.fanmail.identity.graphql.UserTypes.UserPasswordResetPayload;
import app.fanmail.identity.graphql.UserTypes.UserUpdateInput;
import app.fanmail.identity.graphql.UserTypes.UserUpdatePayload;
import app.fanmail.identity.graphql.UserTypes.ViewerPasswordChangeInput;
import app.fanmail.identity.graphql.UserTypes.ViewerPasswordChangePayload;
import app.fanmail.identity.web.SessionCookie;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Users and the signed-in viewer. Managing users is for admins only. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.ADMIN)
public class UserGraphQL {
    @Inject
    UserService users;
    @Inject
    Instance<HttpServletRequest> request;

    @Query("viewer")
    @NonNull
    @Description("The signed-in user.")
    @RequiresRole(Role.VIEWER)
    public UserNode viewer() {
        UUID id = CurrentViewer.require().userId();
        return users.find(id).map(UserNode::of).orElseThrow(app.fanmail.kernel.security.UnauthenticatedException::new);
    }

    @Query("users")
    @NonNull
    @Description("All users, ordered by username. Admins only.")
    public UserConnection users(
            @Name("first") @DefaultValue("50") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last user of the previous page.") String after) {
        int size = Cursor.pageSize(first, 50, 200);
        UserService.UserPage page = users.list(size, Cursor.decode(after, 1).map(p -> p.get(0)));
        List<UserEdge> edges = page.users().stream()
                .map(u -> new UserEdge(Cursor.encode(u.username()), UserNode.of(u))).toList();
        return new UserConnection(edges,
                new PageInfo(page.hasNext(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), Math.toIntExact(page.total()));
    }

    @Mutation("userCreate")
    @NonNull
    @Description("Creates a user who can sign in at once. Admins only.")
    public UserCreatePayload userCreate(@NonNull @Name("input") @Description("The mutation's input.") UserCreateInput input) {
        return Mutations.attempt(() -> UserNode.of(users.create(input.username(), input.password(), input.role())),
                u -> new UserCreatePayload(u, List.of()), e -> new UserCreatePayload(null, e));
    }

    @Mutation("userUpdate")
    @NonNull
    @Description("Changes a user's role or disables them. The last active admin cannot be demoted or disabled. Admins only.")
    public UserUpdatePayload userUpdate(@NonNull @Name("input") @Description("The mutation's input.") UserUpdateInput input) {
        return Mutations.attempt(() -> UserNode.of(users.update(CurrentViewer.require(), parse(input.id()), input.role(), input.enabled())),
                u -> new UserUpdatePayload(u, List.of()), e -> new UserUpdatePayload(null, e));
    }

    @Mutation("userPasswordReset")
    @NonNull
    @Description("Sets a new password for a user and ends their sessions. Admins only.")
    public UserPasswordResetPayload userPasswordReset(@NonNull @Name("input") @Description("The mutation's input.") UserPasswordResetInput input) {
        return Mutations.attempt(() -> UserNode.of(users.resetPassword(parse(input.id()), input.password())),
                u -> new UserPasswordResetPayload(u, List.of()), e -> new UserPasswordResetPayload(null, e));
    }

    @Mutation("viewerPasswordChange")
    @NonNull
    @Description("Changes the signed-in user's own password; their other sessions end.")
    @RequiresRole(Role.VIEWER)
    public ViewerPasswordChangePayload viewerPasswordChange(@NonNull @Name("input") @Description("The mutation's input.") ViewerPasswordChangeInput input) {
        byte[] keep = currentSessionHash();
        return Mutations.attempt(() -> UserNode.of(users.changeOwnPassword(CurrentViewer.require(), input.currentPassword(), input.newPassword(), keep)),
                u -> new ViewerPasswordChangePayload(u, List.of()), e -> new ViewerPasswordChangePayload(null, e));
    }

    private byte[] currentSessionHash() {
        try {
            String token = SessionCookie.read(request.get());
            return token == null ? null : SessionService.hash(token);
        } catch (RuntimeException notInAnHttpRequest) {
            return null;
        }
    }

    private static UUID parse(String id) {
        return Ids.require(id, "id", "user");
    }
}
