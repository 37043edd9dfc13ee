package app.fanmail.templates.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import app.fanmail.kernel.graphql.UserError;

/**
 * Where a template message leads: a web page ({@code url}), a mini program page
 * ({@code miniprogram.appid} + {@code pagepath}), both, or nothing. When both are set WeChat opens
 * the mini program and clients too old for mini programs open the url instead.
 *
 * <p>The record is normalized on construction: blank parts become null, text is trimmed and the
 * AppID is lowercased (WeChat identifiers are case-insensitive; Fanmail stores them lowercase).
 * Validation is separate ({@link #problems()}) so that a form can be checked as a whole.
 *
 * @param url                 an http(s) URL, or null
 * @param miniProgramAppId    the mini program's AppID ({@code wx} + 16 hex), or null
 * @param miniProgramPagePath the page inside the mini program, e.g. {@code pages/order?id=1}, or null
 */
public record TemplateLink(String url, String miniProgramAppId, String miniProgramPagePath) {
    /** Input field names used in user errors. */
    public static final String FIELD_URL = "url";
    public static final String FIELD_APP_ID = "miniProgram.appId";
    public static final String FIELD_PAGE_PATH = "miniProgram.pagePath";

    private static final Pattern APP_ID = Pattern.compile("wx[0-9a-f]{16}");

    public TemplateLink {
        url = trimToNull(url);
        miniProgramAppId = trimToNull(miniProgramAppId);
        if (miniProgramAppId != null) {
            miniProgramAppId = miniProgramAppId.toLowerCase(Locale.ROOT);
        }
        miniProgramPagePath = trimToNull(miniProgramPagePath);
    }

    /** A link from form input; blank parts mean "not set". */
    public static TemplateLink of(String url, String miniProgramAppId, String miniProgramPagePath) {
        return new TemplateLink(url, miniProgramAppId, miniProgramPagePath);
    }

    public static TemplateLink none() {
        return new TemplateLink(null, null, null);
    }

    public static TemplateLink ofUrl(String url) {
        return new TemplateLink(url, null, null);
    }

    public static TemplateLink ofMiniProgram(String appId, String pagePath) {
        return new TemplateLink(null, appId, pagePath);
    }

    public boolean hasUrl() {
        return url != null;
    }

    /** A mini program is set as soon as its AppID is (a page path alone is an error). */
    public boolean hasMiniProgram() {
        return miniProgramAppId != null;
    }

    /** What a current client opens: the mini program when set, else the url, else nothing. */
    public LinkTarget opens() {
        if (hasMiniProgram()) {
            return LinkTarget.MINI_PROGRAM;
        }
        return hasUrl() ? LinkTarget.URL : LinkTarget.NONE;
    }

    /** The url old clients open instead of the mini program; empty unless both are set. */
    public Optional<String> fallbackUrl() {
        return hasMiniProgram() && hasUrl() ? Optional.of(url) : Optional.empty();
    }

    /** Every problem at once, each on its input field; empty when the link is usable. */
    public List<UserError> problems() {
        List<UserError> errors = new ArrayList<>();
        if (url != null && !isHttpUrl(url)) {
            errors.add(UserError.of("URL_INVALID", FIELD_URL,
                    "The link is an http:// or https:// URL with a host, e.g. https://example.com/order?id=1 "
                            + "(internationalized domain names in punycode)."));
        }
        if (miniProgramAppId != null && !APP_ID.matcher(miniProgramAppId).matches()) {
            errors.add(UserError.of("MINIPROGRAM_APPID_INVALID", FIELD_APP_ID,
                    "A mini program AppID is 'wx' followed by 16 hexadecimal characters."));
        }
        if (miniProgramAppId != null && miniProgramPagePath == null) {
            errors.add(UserError.of("MINIPROGRAM_PAGEPATH_REQUIRED", FIELD_PAGE_PATH,
                    "Give the mini program page to open, e.g. pages/index/index."));
        }
        if (miniProgramPagePath != null && miniProgramAppId == null) {
            errors.add(UserError.of("MINIPROGRAM_APPID_REQUIRED", FIELD_APP_ID,
                    "A mini program page needs the mini program's AppID."));
        }
        if (miniProgramPagePath != null && miniProgramPagePath.codePoints()
                .anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.isSpaceChar(cp))) {
            errors.add(UserError.of("MINIPROGRAM_PAGEPATH_INVALID", FIELD_PAGE_PATH,
                    "A mini program page path has no spaces or control characters."));
        }
        return errors;
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
