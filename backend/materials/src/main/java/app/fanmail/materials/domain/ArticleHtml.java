package app.fanmail.materials.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Article HTML as WeChat's editor takes it, and nothing that could run in a browser: an allowlist of tags (paragraphs,
 * inline formatting, headings, lists, quotes, sections, tables, links and images), links to http(s) only, a
 * {@code style} attribute restricted to a few presentational properties with plain values (no {@code url()}, no
 * {@code expression()}, no escapes or comments), and images whose source a caller-supplied mapping accepts (an image
 * it refuses is removed). Pure: no I/O; the mapping does the lookups and uploads.
 */
public final class ArticleHtml {
    /** The tags kept; everything else is unwrapped (its text stays) or, for scripts, styles and embeds, dropped. */
    static final String[] TAGS = {"p", "br", "span", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h1", "h2", "h3", "h4", "blockquote",
            "ul", "ol", "li", "a", "img", "section", "hr", "table", "thead", "tbody", "tr", "td", "th"};
    /** The CSS properties a {@code style} attribute may set. */
    static final Set<String> STYLE_PROPERTIES = Set.of("color", "background-color", "font-size", "font-weight", "text-align", "text-decoration",
            "line-height", "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding", "padding-top", "padding-right",
            "padding-bottom", "padding-left", "width", "max-width");
    /** Plain values: words, numbers with units, #colours, rgb()/rgba() and nothing else. */
    private static final Pattern STYLE_VALUE = Pattern.compile("(?:[#a-zA-Z0-9.%\\s,+-]|rgba?\\(\\s*[0-9.%\\s,]+\\))+");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final int STYLE_VALUE_MAX = 100;

    private static final Safelist SAFELIST = safelist();

    private ArticleHtml() {
    }

    private static Safelist safelist() {
        Safelist s = new Safelist().addTags(TAGS)
                .addAttributes(":all", "style")
                .addAttributes("a", "href", "title")
                .addAttributes("img", "src", "alt", "width", "height")
                .addAttributes("td", "colspan", "rowspan")
                .addAttributes("th", "colspan", "rowspan")
                .addProtocols("a", "href", "http", "https");
        // img src has no protocol list here: the image mapping decides about every source (data:, relative, http)
        return s;
    }

    /**
     * Cleans {@code html} to the allowlist. Each image's {@code src} is passed to {@code images}: the value it returns
     * replaces the source, an empty result removes the image.
     */
    public static String sanitize(String html, Function<String, Optional<String>> images) {
        Document dirty = Jsoup.parseBodyFragment(html == null ? "" : html);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        for (Element e : clean.body().select("[style]")) {
            String style = style(e.attr("style"));
            if (style.isEmpty()) {
                e.removeAttr("style");
            } else {
                e.attr("style", style);
            }
        }
        for (Element img : new ArrayList<>(clean.body().select("img"))) {
            String src = img.attr("src").strip();
            Optional<String> mapped = src.isEmpty() ? Optional.empty() : images.apply(src);
            if (mapped.isPresent() && !mapped.get().isBlank()) {
                img.attr("src", mapped.get());
            } else {
                img.remove();
            }
        }
        return clean.body().html();
    }

    /** Cleans without touching image sources beyond what the allowlist does (images need a source that is http(s) or Fanmail's). */
    public static String sanitize(String html) {
        return sanitize(html, src -> safeImageSource(src) ? Optional.of(src) : Optional.empty());
    }

    /** The image sources of {@code html} (after parsing, so entities are decoded), in order, without repeats. */
    public static List<String> imageSources(String html) {
        Set<String> out = new LinkedHashSet<>();
        for (Element img : Jsoup.parseBodyFragment(html == null ? "" : html).body().select("img[src]")) {
            String src = img.attr("src").strip();
            if (!src.isEmpty()) {
                out.add(src);
            }
        }
        return List.copyOf(out);
    }

    /** http(s) URLs and Fanmail's own paths: sources a browser may load without running anything. */
    static boolean safeImageSource(String src) {
        String s = src.toLowerCase(Locale.ROOT);
        return s.startsWith("https://") || s.startsWith("http://") || (s.startsWith("/api/materials/") && !s.startsWith("//"));
    }

    /** The declarations of {@code style} that are allowed, normalised ("prop: value; …"); empty when none is. */
    static String style(String style) {
        if (style == null || style.contains("\\") || style.contains("/*") || style.contains("<")) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip();
            String lower = value.toLowerCase(Locale.ROOT);
            if (!STYLE_PROPERTIES.contains(property) || value.isEmpty() || value.length() > STYLE_VALUE_MAX || lower.contains("url")
                    || lower.contains("expression") || !STYLE_VALUE.matcher(value).matches()) {
                continue;
            }
            kept.add(property + ": " + value);
        }
        return String.join("; ", kept);
    }

    /** The characters of the article's text as WeChat counts them: the HTML without its tags, in code points. */
    public static int textLength(String html) {
        String text = TAG.matcher(html == null ? "" : html).replaceAll("");
        return text.codePointCount(0, text.length());
    }
}
