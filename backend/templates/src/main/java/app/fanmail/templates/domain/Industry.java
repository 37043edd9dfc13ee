package app.fanmail.templates.domain;

import java.util.List;
import java.util.Objects;

/**
 * One entry of WeChat's template industry list (industry model).
 *
 * @param id                 WeChat's industry id, 1–41 ({@code api_set_industry}'s {@code industry_id1/2})
 * @param firstClass         the primary class as WeChat writes it, e.g. {@code IT科技}
 * @param secondClass        the secondary class as {@code get_industry} returns it, e.g. {@code 互联网|电子商务}
 * @param firstClassEn       English name of the primary class
 * @param secondClassEn      English name of the secondary class
 * @param secondClassAliases other spellings of the secondary class seen in WeChat's UI
 */
public record Industry(int id, String firstClass, String secondClass, String firstClassEn, String secondClassEn,
                       List<String> secondClassAliases) {

    public Industry {
        Objects.requireNonNull(firstClass, "firstClass");
        Objects.requireNonNull(secondClass, "secondClass");
        Objects.requireNonNull(firstClassEn, "firstClassEn");
        Objects.requireNonNull(secondClassEn, "secondClassEn");
        secondClassAliases = secondClassAliases == null ? List.of() : List.copyOf(secondClassAliases);
    }

    /** Chinese label as WeChat shows it, e.g. {@code IT科技-互联网|电子商务}. */
    public String label() {
        return firstClass + "-" + secondClass;
    }

    /** English label, e.g. {@code IT & Technology – Internet & E-commerce}. */
    public String labelEn() {
        return firstClassEn + " – " + secondClassEn;
    }
}
