package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldTypeTest {

    @ParameterizedTest
    @CsvSource({
            "first, LEGACY", "remark, LEGACY",
            "keyword1, KEYWORD", "keyword12, KEYWORD",
            "thing1, THING", "number2, NUMBER", "letter3, LETTER", "symbol4, SYMBOL",
            "character_string4, CHARACTER_STRING", "time3, TIME", "date9, DATE", "amount2, AMOUNT",
            "phone_number7, PHONE_NUMBER", "car_number8, CAR_NUMBER", "name10, NAME", "phrase5, PHRASE",
            "thing, OTHER", "keyword, OTHER", "Thing1, OTHER", "First, OTHER", "remark1, OTHER",
            "things1, OTHER", "character1, OTHER", "string1, OTHER", "order_id, OTHER", "x, OTHER",
    })
    void typeIsReadFromTheKey(String key, FieldType type) {
        assertThat(FieldType.ofKey(key)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"THING, thing", "CHARACTER_STRING, character_string", "KEYWORD, keyword"})
    void prefixes(FieldType type, String prefix) {
        assertThat(type.prefix()).isEqualTo(prefix);
    }

    @org.junit.jupiter.api.Test
    void nullKeyIsOther() {
        assertThat(FieldType.ofKey(null)).isEqualTo(FieldType.OTHER);
        assertThat(FieldType.LEGACY.prefix()).isNull();
    }
}
