package app.fanmail.materials.application;

import java.util.UUID;

/** An article as the editor sends it: content in display form (or pasted HTML), the cover as a library material id. */
public record DraftInput(String title, String author, String digest, String content, String contentSourceUrl, UUID coverMaterialId,
                         boolean openComment, boolean onlyFansCanComment) {
}
