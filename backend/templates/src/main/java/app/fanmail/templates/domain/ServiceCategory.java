package app.fanmail.templates.domain;

import java.util.Objects;

/**
 * A WeChat service category (服务类目) of the category model. Identity is the id; the name is for
 * display.
 *
 * @param id   WeChat's category id, as text (WeChat's ids are numbers; text keeps them exact)
 * @param name the category's name, e.g. {@code 电商平台}; may be null when unknown
 */
public record ServiceCategory(String id, String name) {

    public ServiceCategory {
        Objects.requireNonNull(id, "id");
        id = id.strip();
    }

    /** The name, or the id when the name is unknown. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }
}
