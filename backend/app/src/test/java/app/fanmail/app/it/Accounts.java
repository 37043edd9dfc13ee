package app.fanmail.app.it;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import app.fanmail.testing.FanmailClient;
import jakarta.json.JsonObject;

/** GraphQL documents and valid inputs for account tests. */
final class Accounts {
    static final String FIELDS = "id name originalId appId type verified encryptionMode apiTarget apiBaseUrl status callbackUrl "
            + "appSecretSet tokenSet encodingAesKeySet createdAt updatedAt";
    static final String CREATE = "mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { " + FIELDS
            + " } userErrors { code field message } } }";
    static final String UPDATE = "mutation($i: AccountUpdateInput!) { accountUpdate(input: $i) { account { " + FIELDS
            + " } userErrors { code field message } } }";
    static final String REPLACE = "mutation($i: AccountSecretsReplaceInput!) { accountSecretsReplace(input: $i) { account { " + FIELDS
            + " } userErrors { code field message } } }";
    static final String STATUS = "mutation($i: AccountStatusSetInput!) { accountStatusSet(input: $i) { account { id status } "
            + "userErrors { code field message } } }";
    static final String DELETE = "mutation($i: AccountDeleteInput!) { accountDelete(input: $i) { deletedAccountId "
            + "userErrors { code field message } } }";
    static final String GET = "query($id: ID!) { account(id: $id) { " + FIELDS + " } }";

    private Accounts() {
    }

    static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }

    /** A valid create input with a fresh AppID. */
    static Map<String, Object> validInput() {
        Map<String, Object> in = new HashMap<>();
        in.put("name", "Test account " + hex(4));
        in.put("originalId", "gh_" + hex(12));
        in.put("appId", "wx" + hex(16));
        in.put("appSecret", hex(32));
        in.put("token", "Tok" + hex(8));
        in.put("encodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        in.put("type", "SERVICE");
        in.put("verified", true);
        in.put("encryptionMode", "SAFE");
        in.put("apiTarget", "SANDBOX");
        return in;
    }

    static JsonObject create(FanmailClient client, Map<String, Object> input) {
        return client.data(CREATE, Map.of("i", input)).getJsonObject("accountCreate");
    }
}
