package app.fanmail.templates.domain;

/**
 * The two ways an account chooses which templates it may use. Both exist: older accounts and the
 * seeds use industries, WeChat's current documentation uses service categories.
 */
public enum SetupModel {
    /** Two industries (primary and secondary); one change per calendar month, China time. */
    INDUSTRY(1),
    /** Up to 5 service categories; 5 changes per calendar month, China time; removing one deletes its templates. */
    CATEGORY(5);

    private final int defaultChangesPerMonth;

    SetupModel(int defaultChangesPerMonth) {
        this.defaultChangesPerMonth = defaultChangesPerMonth;
    }

    /** WeChat's documented monthly change allowance. */
    public int defaultChangesPerMonth() {
        return defaultChangesPerMonth;
    }
}
