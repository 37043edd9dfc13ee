package app.fanmail.kernel.web;

/**
 * An endpoint that takes request bodies larger than the server's limit for everything else
 * ({@code fanmail.http.max-request-bytes}, 2 MB): modules list theirs in
 * {@code META-INF/services/app.fanmail.kernel.web.LargeBody}, and {@link RequestBodyLimit} raises the limit for POSTs to
 * that exact path only. The endpoint itself counts the bytes it reads and answers 413 at its limit.
 */
public interface LargeBody {
    /** The path relative to the context root, e.g. {@code /api/audiences/uploads}. */
    String path();

    /** The MicroProfile Config property holding the endpoint's limit in bytes. */
    String maxBytesProperty();

    /** The limit when the property is not set. */
    long defaultMaxBytes();
}
