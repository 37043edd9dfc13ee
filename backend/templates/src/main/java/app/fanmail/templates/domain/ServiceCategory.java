package app.fanmail.templates.domain;

import java.util.Objects;

/**
 * A WeChat service category (服务类目) of the category model. Identity is the id; the names are for
 * display and for recognising a template's category (WeChat lists a category template with the
 * category's name as its primary and the parent's name as its deputy "industry").
 *
 * @param id         WeChat's category id, as text (WeChat's ids are numbers; text keeps them exact)
 * @param name       the category's name, e.g. {@code 电商平台}; may be null when unknown
 * @param parentId   the first-level category's id; null when unknown
 * @param parentName the first-level category's name, e.g. {@code 商业服务}; null when unknown
 */
public record ServiceCategory(String id, String name, String parentId, String parentName) {

    public ServiceCategory {
        Objects.requireNonNull(id, "id");
        id = id.strip();
    }

    public ServiceCategory(String id, String name) {
        this(id, name, null, null);
    }

    /** The name, or the id when the name is unknown. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    /**
     * Whether a template WeChat lists with these "industries" belongs to this category: its primary
     * is the category's name and its deputy, when both are known, the parent's name.
     */
    public boolean holds(String primaryIndustry, String deputyIndustry) {
        if (name == null || primaryIndustry == null || !name.equals(primaryIndustry.strip())) {
            return false;
        }
        return parentName == null || deputyIndustry == null || deputyIndustry.isBlank() || parentName.equals(deputyIndustry.strip());
    }
}
