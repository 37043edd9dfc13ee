package app.fanmail.materials.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ArticleHtmlTest {
    private static String clean(String html) {
        return ArticleHtml.sanitize(html);
    }

    @Test
    void scriptsStylesAndEmbedsAreDropped() {
        String out = clean("<p>Hi</p><script>alert(1)</script><style>p{color:red}</style><iframe src=\"https://evil.example\"></iframe>"
                + "<object data=\"x.swf\"></object><embed src=\"x.swf\"><form action=\"https://evil.example\"><input name=a><button>Go</button></form>");
        assertThat(out).startsWith("<p>Hi</p>");
        assertThat(out.toLowerCase()).doesNotContain("<script", "alert(1)", "<style", "<iframe", "<object", "<embed", "<form", "<input", "<button",
                "evil.example");
    }

    @Test
    void eventHandlersAreDropped() {
        String out = clean("<p onclick=\"steal()\" onmouseover=\"x()\">a</p><img src=\"https://ex.com/a.png\" onerror=\"steal()\">"
                + "<span style=\"color: red\" onfocus=\"x()\">b</span>");
        assertThat(out).doesNotContain("onclick", "onmouseover", "onerror", "onfocus", "steal");
        assertThat(out).contains("<p>a</p>", "<img src=\"https://ex.com/a.png\">", "<span style=\"color: red\">b</span>");
    }

    @Test
    void onlyHttpLinksSurvive() {
        String out = clean("<a href=\"javascript:alert(1)\">1</a><a href=\"JaVaScRiPt:alert(1)\">2</a><a href=\"jav&#x09;ascript:alert(1)\">3</a>"
                + "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">4</a><a href=\"vbscript:x\">5</a><a href=\"https://ok.example/p?q=1\">6</a>"
                + "<a href=\"http://ok.example\">7</a><a href=\"/relative\">8</a>");
        assertThat(out.toLowerCase()).doesNotContain("javascript", "data:", "vbscript", "/relative");
        assertThat(out).contains("<a>1</a>", "<a href=\"https://ok.example/p?q=1\">6</a>", "<a href=\"http://ok.example\">7</a>");
    }

    @Test
    void imagesNeedASourceTheMappingAccepts() {
        String out = clean("<img src=\"javascript:alert(1)\"><img src=\"data:image/svg+xml;base64,AAAA\"><img src=\"https://ok.example/a.png\">"
                + "<img src=\"\"><img>");
        assertThat(out).isEqualTo("<img src=\"https://ok.example/a.png\">");

        List<String> seen = new ArrayList<>();
        String mapped = ArticleHtml.sanitize("<p><img src=\"a\"><img src=\"b\"></p>", src -> {
            seen.add(src);
            return "a".equals(src) ? Optional.of("https://mmbiz.qpic.cn/x") : Optional.empty();
        });
        assertThat(seen).containsExactly("a", "b");
        assertThat(mapped).isEqualTo("<p><img src=\"https://mmbiz.qpic.cn/x\"></p>");
    }

    @Test
    void stylesKeepSafePropertiesWithPlainValuesOnly() {
        assertThat(ArticleHtml.style("color: #333; font-size: 16px; text-align: center; background-color: rgb(1, 2, 3); margin: 0 auto"))
                .isEqualTo("color: #333; font-size: 16px; text-align: center; background-color: rgb(1, 2, 3); margin: 0 auto");
        assertThat(ArticleHtml.style("background-image: url(https://evil.example/x.png); color: red")).isEqualTo("color: red");
        assertThat(ArticleHtml.style("background-color: url(javascript:alert(1))")).isEmpty();
        assertThat(ArticleHtml.style("width: expression(alert(1))")).isEmpty();
        assertThat(ArticleHtml.style("color: red; position: fixed; top: 0; behavior: url(x.htc)")).isEqualTo("color: red");
        assertThat(ArticleHtml.style("color: \\75 rl(x)")).isEmpty();
        assertThat(ArticleHtml.style("color: red /* */")).isEmpty();
        assertThat(ArticleHtml.style("color: red !important")).isEmpty();
        assertThat(ArticleHtml.style("font-family: 'x'; color: blue")).isEqualTo("color: blue");

        String out = clean("<p style=\"background: url(https://evil.example/t.gif); color: red\">x</p><p style=\"position: absolute\">y</p>");
        assertThat(out).isEqualTo("<p style=\"color: red\">x</p><p>y</p>");
    }

    @Test
    void allowedMarkupIsKept() {
        String html = "<section><h1>T</h1><h2>a</h2><h3>b</h3><h4>c</h4><p>one<br>two <strong>s</strong> <b>b</b> <em>e</em> <i>i</i> <u>u</u> <s>x</s>"
                + " H<sub>2</sub>O x<sup>2</sup></p><blockquote>q</blockquote><ul><li>1</li></ul><ol><li>2</li></ol><hr>"
                + "<table><thead><tr><th colspan=\"2\">h</th></tr></thead><tbody><tr><td rowspan=\"1\">c</td><td>d</td></tr></tbody></table>"
                + "<p style=\"text-align: center; line-height: 1.75\"><span style=\"color: #ff0000; font-weight: bold\">red</span></p>"
                + "<a href=\"https://ok.example\" title=\"t\">link</a><img src=\"https://ok.example/a.png\" alt=\"a\" style=\"max-width: 100%\"></section>";
        assertThat(clean(html)).isEqualTo(html);
    }

    @Test
    void unknownTagsAreUnwrappedKeepingTheirText() {
        assertThat(clean("<div><font color=red>x</font><center>y</center></div>")).isEqualTo("xy");
        assertThat(clean("<p>a &lt;script&gt; b</p>")).isEqualTo("<p>a &lt;script&gt; b</p>");
    }

    @Test
    void sanitisingIsIdempotent() {
        String once = clean("<p style=\"color:red;position:fixed\" onclick=x>a<script>b</script><img src=https://ok.example/a.png></p>");
        assertThat(clean(once)).isEqualTo(once);
    }

    @Test
    void textLengthCountsCodePointsWithoutTags() {
        assertThat(ArticleHtml.textLength("<p>ab<b>c</b></p>")).isEqualTo(3);
        assertThat(ArticleHtml.textLength("<p>😀中</p>")).isEqualTo(2);
    }
}
