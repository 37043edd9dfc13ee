package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class UploadLinesTest {
    static final String A = "oABCDEFGHIJKLMNOPQRSTUVWXYZ0";
    static final String B = "o_bcdefghijklmnopqrstuvwx-z1";

    private static List<UploadLines.Line> lines(UploadLines u, String text) throws IOException {
        CsvRecords r = new CsvRecords(new StringReader(text), true, 10_000);
        List<UploadLines.Line> out = new ArrayList<>();
        for (CsvRecords.Record x = r.next(); x != null; x = r.next()) {
            UploadLines.Line l = u.accept(x);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void openidShape() {
        assertThat(UploadLines.openidShaped(A)).isTrue();
        assertThat(UploadLines.openidShaped("a".repeat(20))).isTrue();
        assertThat(UploadLines.openidShaped("a".repeat(64))).isTrue();
        assertThat(UploadLines.openidShaped("a".repeat(19))).isFalse();
        assertThat(UploadLines.openidShaped("a".repeat(65))).isFalse();
        assertThat(UploadLines.openidShaped("oABCDEFGHIJKLMNOPQRSTUVWX Z0")).isFalse();
        assertThat(UploadLines.openidShaped("openid")).isFalse();
    }

    @Test
    void aHeaderNamesTheColumnsAndTheOpenidColumnNeedNotBeFirst() throws IOException {
        UploadLines u = new UploadLines(50);
        List<UploadLines.Line> ls = lines(u, "\uFEFFname,OpenID,amount\n\"Li, Lei\", " + A + " ,12.50\nWang,not-an-openid,3\n");
        assertThat(u.hasHeader()).isTrue();
        assertThat(u.columns()).containsExactly("name", "OpenID", "amount");
        assertThat(u.openidColumn()).isEqualTo(1);
        assertThat(ls).hasSize(2);
        assertThat(ls.get(0)).isEqualTo(new UploadLines.Line(2, A, null, List.of("Li, Lei", A, "12.50")));
        assertThat(ls.get(1).problem()).isEqualTo(UploadProblem.INVALID_OPENID);
        assertThat(ls.get(1).openid()).isEqualTo("not-an-openid");
        assertThat(ls.get(1).cells()).containsExactly("Wang", "not-an-openid", "3");
    }

    @Test
    void withoutAHeaderTheFirstColumnIsTheOpenidAndColumnsGrowWithTheWidestLine() throws IOException {
        UploadLines u = new UploadLines(50);
        List<UploadLines.Line> ls = lines(u, A + "\n" + B + ",x,y\n");
        assertThat(u.hasHeader()).isFalse();
        assertThat(u.columns()).containsExactly("openid", "column2", "column3");
        assertThat(ls).extracting(UploadLines.Line::problem).containsOnlyNulls();
        assertThat(ls.get(1).cells()).containsExactly(B, "x", "y");
    }

    @Test
    void emptyLinesAndTooManyColumnsAreReportedWithoutStoppingTheRest() throws IOException {
        UploadLines u = new UploadLines(3);
        List<UploadLines.Line> ls = lines(u, "openid,a\n" + A + ",1\n\n  \n" + B + ",1,2\n" + B + ",2\n,5\n");
        assertThat(ls).extracting(UploadLines.Line::lineNo).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(ls).extracting(UploadLines.Line::problem).containsExactly(null, UploadProblem.EMPTY_LINE, UploadProblem.EMPTY_LINE,
                UploadProblem.TOO_MANY_COLUMNS, null, UploadProblem.INVALID_OPENID);
        assertThat(ls.get(3).openid()).isEqualTo(B);
        assertThat(ls.get(3).cells()).isNull();
        assertThat(ls.get(5).openid()).isNull();
    }

    @Test
    void theColumnLimitHoldsWithoutAHeaderAndAWideHeaderIsRefused() throws IOException {
        UploadLines u = new UploadLines(3);
        List<UploadLines.Line> ls = lines(u, A + ",1,2\n" + B + ",1,2,3\n");
        assertThat(ls).extracting(UploadLines.Line::problem).containsExactly(null, UploadProblem.TOO_MANY_COLUMNS);
        UploadLines wide = new UploadLines(3);
        assertThatThrownBy(() -> lines(wide, "a,b,c,d\n")).isInstanceOf(UploadLines.BadHeaderException.class);
    }

    @Test
    void headerNamesAreMadeUniqueAndEmptyOnesNamed() throws IOException {
        UploadLines u = new UploadLines(50);
        lines(u, "openid,name,,Name\n");
        assertThat(u.columns()).containsExactly("openid", "name", "column3", "Name_2");
    }

    @Test
    void aLongListIsReadWithoutKeepingIt() throws IOException {
        UploadLines u = new UploadLines(50);
        String text = String.join("\n", Collections.nCopies(10_000, A)) + "\n";
        assertThat(lines(u, text)).hasSize(10_000).allMatch(l -> l.problem() == null);
    }
}
