package app.fanmail.accounts.api;

/** Adding an account from another module (e.g. the local demo set-up); validation is the same as in the UI. */
public interface AccountRegistration {
    record NewAccount(String name, String originalId, String appId, String appSecret, String token, String encodingAesKey,
                      AccountType type, boolean verified, EncryptionMode encryptionMode, ApiTarget apiTarget, String apiBaseUrl) {
        @Override
        public String toString() {
            return "NewAccount[" + appId + ", secrets hidden]";
        }
    }

    /** Creates the account; throws the kernel's UserErrorsException when the input breaks a rule. */
    AccountView register(NewAccount account);
}
