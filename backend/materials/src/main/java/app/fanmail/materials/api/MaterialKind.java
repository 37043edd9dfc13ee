package app.fanmail.materials.api;

/** The kinds of permanent material in the library. Thumbnails are small JPEGs used as covers of videos and music. */
public enum MaterialKind {
    IMAGE, VOICE, VIDEO, THUMB
}
