package app.fanmail.history.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvCellsTest {
    @Test
    void plainTextAndNumbersStayAsTheyAre() {
        assertThat(CsvCells.cell("oAbc_123-x")).isEqualTo("oAbc_123-x");
        assertThat(CsvCells.cell("3014159265358979323")).isEqualTo("3014159265358979323");
        assertThat(CsvCells.cell("-1")).as("errcode -1 is a number, not a formula").isEqualTo("-1");
        assertThat(CsvCells.cell("-1.5")).isEqualTo("-1.5");
        assertThat(CsvCells.cell("success")).isEqualTo("success");
        assertThat(CsvCells.cell("已送达")).isEqualTo("已送达");
    }

    @Test
    void nullAndEmptyAreEmptyCells() {
        assertThat(CsvCells.cell(null)).isEmpty();
        assertThat(CsvCells.cell("")).isEmpty();
    }

    @Test
    void cellsThatWouldRunAsFormulasArePrefixedWithAQuote() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(CsvCells.cell("+1+cmd")).isEqualTo("'+1+cmd");
        assertThat(CsvCells.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvCells.cell("a=b")).as("only the first character matters").isEqualTo("a=b");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("line1\nline2")).isEqualTo("\"line1\nline2\"");
        assertThat(CsvCells.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void aRowJoinsCellsWithCommasAndEndsWithCrlf() {
        assertThat(CsvCells.row(Arrays.asList("1", null, "=x", "a,b"))).isEqualTo("1,,'=x,\"a,b\"\r\n");
        assertThat(CsvCells.row(List.of())).isEqualTo("\r\n");
    }
}
