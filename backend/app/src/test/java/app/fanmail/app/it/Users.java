package app.fanmail.app.it;

import java.util.Map;

import app.fanmail.testing.FanmailClient;
import jakarta.json.JsonObject;

/** Creating users of each role for tests. */
final class Users {
    static final String CREATE = "mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id username role enabled } "
            + "userErrors { code field message } } }";
    static final String UPDATE = "mutation($i: UserUpdateInput!) { userUpdate(input: $i) { user { id role enabled } "
            + "userErrors { code field message } } }";

    private Users() {
    }

    static JsonObject create(FanmailClient admin, String username, String password, String role) {
        return admin.data(CREATE, Map.of("i", Map.of("username", username, "password", password, "role", role)))
                .getJsonObject("userCreate");
    }

    /** A new user of the role, signed in. */
    static FanmailClient signedIn(FanmailClient admin, String baseUrl, String role) {
        String name = role.toLowerCase() + "-" + Accounts.hex(6);
        String password = "pw-" + Accounts.hex(12);
        JsonObject created = create(admin, name, password, role);
        if (!created.getJsonArray("userErrors").isEmpty()) {
            throw new AssertionError(created.toString());
        }
        FanmailClient client = new FanmailClient(baseUrl);
        if (client.signIn(name, password).statusCode() != 200) {
            throw new AssertionError("sign-in of " + name + " failed");
        }
        return client;
    }
}
