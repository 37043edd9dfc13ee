package app.fanmail.wechat.domain;

import app.fanmail.accounts.api.ApiHostPolicy.Verdict;

/** The cause of a WeChatException when the account's API host may not receive requests (see ApiHostPolicy). */
public class ApiHostRefusedException extends RuntimeException {
    private final transient Verdict verdict;

    public ApiHostRefusedException(Verdict verdict) {
        super(verdict.outcome() + " " + verdict.hostPort());
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }
}
