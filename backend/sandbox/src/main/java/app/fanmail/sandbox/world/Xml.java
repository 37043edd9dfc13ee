package app.fanmail.sandbox.world;

/** A tiny writer for WeChat's push XML (CDATA for text, bare numbers). */
final class Xml {

    private final StringBuilder sb = new StringBuilder("<xml>\n");

    Xml text(String name, String value) {
        sb.append('<').append(name).append("><![CDATA[").append(cdata(value)).append("]]></").append(name).append(">\n");
        return this;
    }

    Xml num(String name, long value) {
        sb.append('<').append(name).append('>').append(value).append("</").append(name).append(">\n");
        return this;
    }

    Xml raw(String name, String value) {
        sb.append('<').append(name).append('>').append(value).append("</").append(name).append(">\n");
        return this;
    }

    Xml open(String name) {
        sb.append('<').append(name).append(">\n");
        return this;
    }

    Xml close(String name) {
        sb.append("</").append(name).append(">\n");
        return this;
    }

    String build() {
        return sb + "</xml>";
    }

    private static String cdata(String value) {
        return value == null ? "" : value.replace("]]>", "]]]]><![CDATA[>");
    }
}
