package app.fanmail.audiences.domain;

/** What is wrong with one line of an uploaded list; the line is left out of every audience, the rest stays usable. */
public enum UploadProblem {
    /** The openid is not 20–64 letters, digits, '-' or '_'. */
    INVALID_OPENID("Not an openid: expected 20 to 64 letters, digits, '-' or '_'."),
    /** The openid is not one of the account's fans. */
    UNKNOWN_OPENID("Not a fan of this account (sync the fans if it followed recently)."),
    /** The openid already appeared on an earlier line. */
    DUPLICATE("The openid already appears on an earlier line."),
    /** The line is empty. */
    EMPTY_LINE("The line is empty."),
    /** The line has more values than the header (or than the column limit). */
    TOO_MANY_COLUMNS("The line has more values than there are columns.");

    private final String message;

    UploadProblem(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
