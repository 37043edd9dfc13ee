package app.fanmail.templates.domain;

/** What tapping a template message opens on a current WeChat client. */
public enum LinkTarget {
    /** No link: the message only shows its content. */
    NONE,
    /** A web page. */
    URL,
    /** A mini program page (old clients without mini program support fall back to the url, if any). */
    MINI_PROGRAM
}
