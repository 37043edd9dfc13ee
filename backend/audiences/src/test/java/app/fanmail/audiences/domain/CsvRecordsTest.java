package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvRecordsTest {
    private static List<CsvRecords.Record> all(String text, boolean csv) throws IOException {
        CsvRecords r = new CsvRecords(new StringReader(text), csv, 1000);
        List<CsvRecords.Record> out = new ArrayList<>();
        for (CsvRecords.Record x = r.next(); x != null; x = r.next()) {
            out.add(x);
        }
        return out;
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRecords.Record> rs = all("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\nlast,", true);
        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).fields()).containsExactly("a", "b,c", "say \"hi\"");
        assertThat(rs.get(0).line()).isEqualTo(1);
        assertThat(rs.get(1).fields()).containsExactly("two\nlines", "x");
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(2).fields()).containsExactly("last", "");
        assertThat(rs.get(2).line()).isEqualTo(4);
    }

    @Test
    void byteOrderMarkIsSkippedAndATrailingLineBreakAddsNoRecord() throws IOException {
        List<CsvRecords.Record> rs = all("\uFEFFopenid,name\r\nabc,def\r\n", true);
        assertThat(rs).extracting(CsvRecords.Record::fields)
                .containsExactly(List.of("openid", "name"), List.of("abc", "def"));
    }

    @Test
    void emptyLinesAreRecordsWithTheirLineNumbers() throws IOException {
        List<CsvRecords.Record> rs = all("a\n\n\rb\r\r\nc", true);
        // a LF, LF, lone CR, b CR, CRLF, c: the lone CR and the CRLF each end one line
        assertThat(rs).extracting(CsvRecords.Record::line).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(rs).extracting(CsvRecords.Record::fields)
                .containsExactly(List.of("a"), List.of(""), List.of(""), List.of("b"), List.of(""), List.of("c"));
    }

    @Test
    void plainTextIsOneFieldPerLineWithCommasAndQuotesAsWritten() throws IOException {
        List<CsvRecords.Record> rs = all("\"x\",y\nz\n", false);
        assertThat(rs).extracting(CsvRecords.Record::fields).containsExactly(List.of("\"x\",y"), List.of("z"));
    }

    @Test
    void aQuoteLeftOpenStopsAtTheRecordLimit() {
        String open = "ok\n\"" + "x".repeat(2000);
        assertThatThrownBy(() -> all(open, true)).isInstanceOf(CsvRecords.RecordTooLongException.class)
                .satisfies(e -> assertThat(((CsvRecords.RecordTooLongException) e).line()).isEqualTo(2));
    }
}
