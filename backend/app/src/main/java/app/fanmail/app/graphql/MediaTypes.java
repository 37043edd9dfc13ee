package app.fanmail.app.graphql;

import java.util.Locale;

/**
 * Which GraphQL response media type a request's Accept header asks for (GraphQL over HTTP):
 * {@code application/graphql-response+json} when the client names it at least as highly as
 * {@code application/json}; {@code application/json} when the Accept header is missing, names it,
 * or only wildcards ({@code *}{@code /*}) match; none when the client accepts neither.
 */
public enum MediaTypes {
    GRAPHQL_RESPONSE_JSON("application/graphql-response+json"), JSON("application/json"), NONE(null);

    private final String type;

    MediaTypes(String type) {
        this.type = type;
    }

    /** The media type with charset, for Content-Type; null for NONE. */
    public String contentType() {
        return type == null ? null : type + ";charset=UTF-8";
    }

    public static MediaTypes negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        Match gql = new Match();
        Match json = new Match();
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            if (mediaRange.isEmpty()) {
                continue;
            }
            double q = quality(parts);
            gql.offer(mediaRange, "application/graphql-response+json", q);
            json.offer(mediaRange, "application/json", q);
        }
        if (gql.q <= 0 && json.q <= 0) {
            return NONE;
        }
        if (gql.q > json.q) {
            return GRAPHQL_RESPONSE_JSON;
        }
        if (json.q > gql.q) {
            return JSON;
        }
        // equally acceptable: a client naming the new type gets it; wildcards get the legacy one
        return gql.specificity == 2 ? GRAPHQL_RESPONSE_JSON : JSON;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(p.substring(2).trim());
                    return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The quality of the most specific range matching one media type (RFC 9110 §12.5.1). */
    private static final class Match {
        int specificity = -1;
        double q;

        void offer(String range, String mediaType, double quality) {
            int s;
            if (range.equals(mediaType)) {
                s = 2;
            } else if (range.equals("application/*")) {
                s = 1;
            } else if (range.equals("*/*")) {
                s = 0;
            } else {
                return;
            }
            if (s > specificity) {
                specificity = s;
                q = quality;
            }
        }
    }
}
