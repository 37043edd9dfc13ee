package app.fanmail.templates.domain;

import java.util.List;
import java.util.Objects;

/**
 * A primary industry class with its industries, for a two-level picker.
 *
 * @param name       Chinese name, e.g. {@code 金融业}
 * @param nameEn     English name, e.g. {@code Finance}
 * @param industries its industries in id order
 */
public record IndustryClass(String name, String nameEn, List<Industry> industries) {

    public IndustryClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameEn, "nameEn");
        industries = List.copyOf(industries);
    }
}
