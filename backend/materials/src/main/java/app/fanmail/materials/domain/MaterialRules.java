package app.fanmail.materials.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import app.fanmail.materials.api.MaterialKind;

/**
 * WeChat's rules for permanent materials, checked on the file's bytes before anything is uploaded: images up to 10 MB
 * in jpg, png, gif or bmp; voice up to 2 MB and 60 seconds in amr or mp3; video up to 10 MB in mp4; thumbnails up to
 * 64 KB in jpg. A library holds at most 5,000 images (and 5,000 news) and 1,000 of each other kind.
 */
public final class MaterialRules {
    public static final long IMAGE_MAX_BYTES = 10L << 20;
    public static final long VOICE_MAX_BYTES = 2L << 20;
    public static final long VIDEO_MAX_BYTES = 10L << 20;
    public static final long THUMB_MAX_BYTES = 64L << 10;
    public static final long VOICE_MAX_MILLIS = 60_000;
    public static final int IMAGES_MAX = 5_000;
    public static final int OTHERS_MAX = 1_000;
    /** The largest file of any kind: what an upload may send at most. */
    public static final long LARGEST = IMAGE_MAX_BYTES;
    public static final int NAME_MAX = 64;
    public static final int VIDEO_TITLE_MAX = 30;
    public static final int VIDEO_DESCRIPTION_MAX = 120;

    private static final Map<MaterialKind, Set<MediaFormat>> FORMATS = Map.of(
            MaterialKind.IMAGE, EnumSet.of(MediaFormat.JPEG, MediaFormat.PNG, MediaFormat.GIF, MediaFormat.BMP),
            MaterialKind.VOICE, EnumSet.of(MediaFormat.AMR, MediaFormat.MP3),
            MaterialKind.VIDEO, EnumSet.of(MediaFormat.MP4),
            MaterialKind.THUMB, EnumSet.of(MediaFormat.JPEG));

    /** What the bytes turned out to be. {@code durationMillis} is set for voice, else null. */
    public record Inspected(MediaFormat format, Long durationMillis, long size) {
    }

    private MaterialRules() {
    }

    public static long maxBytes(MaterialKind kind) {
        return switch (kind) {
            case IMAGE -> IMAGE_MAX_BYTES;
            case VOICE -> VOICE_MAX_BYTES;
            case VIDEO -> VIDEO_MAX_BYTES;
            case THUMB -> THUMB_MAX_BYTES;
        };
    }

    /** How many materials of the kind a library holds at most (thumbnails count with the others). */
    public static int cap(MaterialKind kind) {
        return kind == MaterialKind.IMAGE ? IMAGES_MAX : OTHERS_MAX;
    }

    public static Set<MediaFormat> formats(MaterialKind kind) {
        return FORMATS.get(kind);
    }

    /**
     * Checks the file against the kind's rules.
     *
     * @throws MaterialRejected FILE_EMPTY, FILE_TOO_LARGE, FORMAT_NOT_ALLOWED (unknown format or one WeChat does not take
     *                          for the kind), VOICE_TOO_LONG, FILE_BROKEN (a voice file whose frames cannot be read)
     */
    public static Inspected inspect(MaterialKind kind, byte[] bytes) {
        if (bytes.length == 0) {
            throw new MaterialRejected("FILE_EMPTY", "file", "The file is empty.");
        }
        long max = maxBytes(kind);
        if (bytes.length > max) {
            throw new MaterialRejected("FILE_TOO_LARGE", "file", "WeChat takes " + kindName(kind) + " of at most " + size(max)
                    + "; this file has " + size(bytes.length) + ".");
        }
        MediaFormat format = MediaFormat.sniff(bytes).orElse(null);
        if (format == null || !FORMATS.get(kind).contains(format)) {
            throw new MaterialRejected("FORMAT_NOT_ALLOWED", "file", "WeChat takes " + kindName(kind) + " as "
                    + FORMATS.get(kind).stream().map(MediaFormat::extension).collect(Collectors.joining(", ")) + "; this file is "
                    + (format == null ? "none of these" : format.extension()) + ".");
        }
        Long duration = null;
        if (kind == MaterialKind.VOICE) {
            long ms = format == MediaFormat.AMR ? AmrFrames.durationMillis(bytes) : Mp3Frames.durationMillis(bytes);
            if (ms < 0) {
                throw new MaterialRejected("FILE_BROKEN", "file", "The " + format.extension() + " file's audio frames cannot be read.");
            }
            if (ms > VOICE_MAX_MILLIS) {
                throw new MaterialRejected("VOICE_TOO_LONG", "file", "WeChat takes voice of at most 60 seconds; this file lasts "
                        + String.format(Locale.ROOT, "%.1f", ms / 1000.0) + " seconds.");
            }
            duration = ms;
        }
        return new Inspected(format, duration, bytes.length);
    }

    /**
     * @throws MaterialRejected LIBRARY_FULL when the library already holds {@link #cap} materials of the kind
     */
    public static void requireRoom(MaterialKind kind, long existing) {
        if (existing >= cap(kind)) {
            throw new MaterialRejected("LIBRARY_FULL", "kind", "The library already holds " + existing + " " + kindName(kind)
                    + ", WeChat's limit of " + cap(kind) + "; delete some first.");
        }
    }

    /** A name for the library: trimmed, 1–64 characters. */
    public static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new MaterialRejected("NAME_REQUIRED", "name", "Give the material a name.");
        }
        if (n.codePointCount(0, n.length()) > NAME_MAX) {
            throw new MaterialRejected("NAME_TOO_LONG", "name", "A name has at most " + NAME_MAX + " characters.");
        }
        return n;
    }

    /** A video needs a title (1–30 characters) and may have a description of up to 120. */
    public static void requireVideoText(String title, String description) {
        int t = title == null ? 0 : title.strip().codePointCount(0, title.strip().length());
        if (t == 0) {
            throw new MaterialRejected("VIDEO_TITLE_REQUIRED", "title", "A video needs a title.");
        }
        if (t > VIDEO_TITLE_MAX) {
            throw new MaterialRejected("VIDEO_TITLE_TOO_LONG", "title", "A video title has at most " + VIDEO_TITLE_MAX + " characters.");
        }
        if (description != null && description.codePointCount(0, description.length()) > VIDEO_DESCRIPTION_MAX) {
            throw new MaterialRejected("VIDEO_DESCRIPTION_TOO_LONG", "description",
                    "A video description has at most " + VIDEO_DESCRIPTION_MAX + " characters.");
        }
    }

    static String kindName(MaterialKind kind) {
        return switch (kind) {
            case IMAGE -> "images";
            case VOICE -> "voice files";
            case VIDEO -> "videos";
            case THUMB -> "thumbnails";
        };
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
