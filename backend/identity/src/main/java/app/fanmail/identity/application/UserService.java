package app.fanmail.identity.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.identity.domain.CredentialRules;
import app.fanmail.identity.domain.PasswordHasher;
import app.fanmail.identity.domain.User;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Managing users: every rule that keeps at least one admin able to sign in lives here. */
@ApplicationScoped
@Transactional
public class UserService {
    @PersistenceContext(unitName = "identity")
    EntityManager em;
    @Inject
    PasswordHasher hasher;
    @Inject
    Clock clock;

    public record UserPage(List<User> users, boolean hasNext, long total) {
    }

    public UserPage list(int first, Optional<String> afterUsername) {
        List<User> rows = em.createQuery(
                        "select u from User u where u.username > :after order by u.username", User.class)
                .setParameter("after", afterUsername.orElse(""))
                .setMaxResults(first + 1)
                .getResultList();
        long total = em.createQuery("select count(u) from User u", Long.class).getSingleResult();
        boolean hasNext = rows.size() > first;
        return new UserPage(hasNext ? rows.subList(0, first) : rows, hasNext, total);
    }

    public Optional<User> find(UUID id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    public Optional<User> findByUsername(String username) {
        return em.createQuery("select u from User u where u.username = :u", User.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    public long count() {
        return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
    }

    public User create(String username, String password, Role role) {
        return create(username, password, role, false);
    }

    /** Creates a user; with {@code mustChangePassword} the first sign-in asks for a new password before anything else. */
    public User create(String username, String password, Role role, boolean mustChangePassword) {
        String normalized = username == null ? null : username.trim().toLowerCase();
        List<UserError> errors = new ArrayList<>();
        errors.addAll(CredentialRules.checkUsername(normalized, "username"));
        errors.addAll(CredentialRules.checkPassword(password, "password"));
        if (role == null) {
            errors.add(UserError.of("ROLE_REQUIRED", "role", "Choose a role."));
        }
        if (errors.isEmpty() && findByUsername(normalized).isPresent()) {
            errors.add(UserError.of("USERNAME_TAKEN", "username", "A user named '" + normalized + "' already exists."));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        User user = new User(normalized, hasher.hash(password), role, now());
        if (mustChangePassword) {
            user.requirePasswordChange(now());
        }
        em.persist(user);
        em.flush();
        return user;
    }

    /** Changes role and enabled flag. Refuses to lock out the last admin or to demote/disable oneself. */
    public User update(Viewer actor, UUID id, Role role, boolean enabled) {
        User user = lockedUser(id);
        if (role == null) {
            throw new UserErrorsException("ROLE_REQUIRED", "role", "Choose a role.");
        }
        boolean losesAdmin = user.isActiveAdmin() && (role != Role.ADMIN || !enabled);
        if (losesAdmin && user.id().equals(actor.userId())) {
            throw new UserErrorsException("SELF_CHANGE_FORBIDDEN", enabled ? "role" : "enabled",
                    "You cannot demote or disable yourself; ask another admin.");
        }
        if (losesAdmin && otherActiveAdmins(user.id()) == 0) {
            throw new UserErrorsException("LAST_ADMIN", enabled ? "role" : "enabled",
                    "This is the last active admin; make another user admin first.");
        }
        Instant now = now();
        user.changeRole(role, now);
        if (user.enabled() != enabled) {
            user.enable(enabled, now);
            if (!enabled) {
                revokeSessions(user.id());
            }
        }
        return user;
    }

    public User resetPassword(UUID id, String newPassword) {
        User user = lockedUser(id);
        List<UserError> errors = CredentialRules.checkPassword(newPassword, "password");
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        user.replacePassword(hasher.hash(newPassword), now());
        revokeSessions(user.id());
        return user;
    }

    /** The signed-in user changes their own password; other sessions of theirs end. */
    public User changeOwnPassword(Viewer actor, String currentPassword, String newPassword, byte[] keepSessionHash) {
        User user = lockedUser(actor.userId());
        if (currentPassword == null || !hasher.verify(currentPassword, user.passwordHash())) {
            throw new UserErrorsException("PASSWORD_INCORRECT", "currentPassword", "The current password is not correct.");
        }
        List<UserError> errors = CredentialRules.checkPassword(newPassword, "newPassword");
        if (errors.isEmpty() && user.mustChangePassword() && hasher.verify(newPassword, user.passwordHash())) {
            errors.add(UserError.of("PASSWORD_UNCHANGED", "newPassword", "Choose a password different from the one you were given."));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        user.passwordChangedByOwner(hasher.hash(newPassword), now());
        em.createQuery("delete from UserSession s where s.userId = :u and s.tokenHash <> :keep")
                .setParameter("u", user.id()).setParameter("keep", keepSessionHash == null ? new byte[0] : keepSessionHash)
                .executeUpdate();
        return user;
    }

    private User lockedUser(UUID id) {
        User user = em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw new UserErrorsException("NOT_FOUND", "id", "No such user.");
        }
        return user;
    }

    private long otherActiveAdmins(UUID except) {
        // Lock every active admin row so two concurrent demotions cannot both pass this check.
        return em.createQuery("select u from User u where u.role = :r and u.enabled = true and u.id <> :id", User.class)
                .setParameter("r", Role.ADMIN).setParameter("id", except)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().size();
    }

    private void revokeSessions(UUID userId) {
        em.createQuery("delete from UserSession s where s.userId = :u").setParameter("u", userId).executeUpdate();
    }

    private Instant now() {
        return clock.instant();
    }
}
