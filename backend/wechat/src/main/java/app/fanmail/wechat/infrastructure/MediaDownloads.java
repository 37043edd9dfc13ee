package app.fanmail.wechat.infrastructure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatMaterials.MediaContent;
import app.fanmail.wechat.api.WeChatMaterials.NewsArticle;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Reads WeChat's download answers (material/get_material, media/get): either the file itself, or
 * JSON (an errcode, a video link, news articles). A file larger than {@link #MAX_BYTES} is refused
 * before it is read whole, so a misbehaving API host cannot exhaust the heap.
 */
final class MediaDownloads {
    /** WeChat's largest downloadable file is a 10 MB image or video; 32 MiB leaves room without trusting the host. */
    static final int MAX_BYTES = 32 << 20;
    private static final Pattern FILE_NAME = Pattern.compile("filename\\*?=\\s*\"?(?:UTF-8'')?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    /** Either the JSON WeChat answered with, or the file. */
    record Answer(JsonObject json, MediaContent.File file) {
    }

    private MediaDownloads() {
    }

    static Answer read(Response response) {
        MediaType type = response.getMediaType();
        int length = response.getLength();
        if (length > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = response.readEntity(InputStream.class)) {
            bytes = in == null ? new byte[0] : bounded(in);
        } catch (IOException e) {
            throw new WeChatException(Kind.TRANSIENT, -1, "WeChat's download broke off: " + e.getMessage(), null, e);
        }
        if (isJson(type, bytes)) {
            try {
                return new Answer(JsonFactories.readObject(new String(bytes, StandardCharsets.UTF_8)), null);
            } catch (JsonException | ClassCastException e) {
                throw new WeChatException(Kind.OTHER, 0, "WeChat answered a download with unreadable JSON", null, e);
            }
        }
        String contentType = type == null ? MediaType.APPLICATION_OCTET_STREAM : type.getType() + "/" + type.getSubtype();
        return new Answer(null, new MediaContent.File(contentType, fileName(response.getHeaderString(HttpHeaders.CONTENT_DISPOSITION)), bytes));
    }

    /** JSON when declared so, or plain text (WeChat labels some errors text/plain) that is an object. */
    private static boolean isJson(MediaType type, byte[] bytes) {
        if (type == null) {
            return bytes.length > 0 && bytes[0] == '{';
        }
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return subtype.equals("json") || subtype.endsWith("+json")
                || (type.getType().equalsIgnoreCase("text") && subtype.equals("plain") && bytes.length > 0 && bytes[0] == '{');
    }

    private static byte[] bounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > MAX_BYTES) {
                throw tooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static WeChatException tooLarge() {
        return new WeChatException(Kind.OTHER, 0, "The download is larger than " + (MAX_BYTES >> 20) + " MiB; Fanmail does not read it", null);
    }

    /** The file name of a {@code Content-Disposition: attachment; filename="…"} header, without any path; null when none. */
    static String fileName(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher m = FILE_NAME.matcher(contentDisposition);
        if (!m.find()) {
            return null;
        }
        String name = m.group(1).trim();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? null : name;
    }

    /** get_material's JSON: a video's title, description and link, or a news material's articles. */
    static MediaContent permanent(JsonObject answer) {
        if (answer.containsKey("news_item")) {
            List<NewsArticle> articles = Json2.objects(answer, "news_item",
                    a -> new NewsArticle(MaterialsAdapter.articleOf(a), Json2.str(a, "url"), Json2.str(a, "thumb_url")));
            return new MediaContent.News(articles);
        }
        String url = Json2.str(answer, "down_url");
        if (url != null) {
            return new MediaContent.VideoLink(Json2.str(answer, "title"), Json2.str(answer, "description"), url);
        }
        throw new WeChatException(Kind.OTHER, 0, "WeChat answered get_material with neither a file, a video nor news", null);
    }

    /** media/get's JSON: a video's link ({@code video_url}; {@code down_url} as get_material names it is read too). */
    static MediaContent temporary(JsonObject answer) {
        String url = Json2.str(answer, "video_url");
        if (url == null) {
            url = Json2.str(answer, "down_url");
        }
        if (url == null) {
            throw new WeChatException(Kind.OTHER, 0, "WeChat answered media/get with neither a file nor a video link", null);
        }
        return new MediaContent.VideoLink(Json2.str(answer, "title"), Json2.str(answer, "description"), url);
    }
}
