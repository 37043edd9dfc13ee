package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SafeXmlTest {
    @Test
    void parsesFlatAndNestedFields() throws Exception {
        Map<String, Object> f = SafeXml.parse(read("mass-finished.xml"));
        assertThat(f.get("MsgID")).isEqualTo("1000001625");
        assertThat(f.get("CopyrightCheckResult")).isInstanceOf(Map.class);
    }

    @Test
    void refusesExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Content>&x;</Content></xml>";
        assertThatThrownBy(() -> SafeXml.parse(xxe)).isInstanceOf(SafeXml.XmlRejected.class);
    }

    @Test
    void refusesEntityExpansionBombs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = dtd + "]><xml><Content>&l9;</Content></xml>";
        assertThatThrownBy(() -> SafeXml.parse(bomb)).isInstanceOf(SafeXml.XmlRejected.class);
    }

    @Test
    void refusesParameterEntitiesAndXInclude() {
        String pe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]><xml/>";
        assertThatThrownBy(() -> SafeXml.parse(pe)).isInstanceOf(SafeXml.XmlRejected.class);
        Map<String, Object> f = SafeXml.parse("<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\"><A><xi:include href=\"file:///etc/passwd\"/></A></xml>");
        assertThat(f.toString()).doesNotContain("root:");
    }

    @Test
    void refusesOversizedAndMalformedBodies() {
        String big = "<xml><Content>" + "a".repeat(SafeXml.MAX_BYTES) + "</Content></xml>";
        assertThatThrownBy(() -> SafeXml.parse(big)).isInstanceOf(SafeXml.XmlRejected.class).hasMessageContaining("larger");
        assertThatThrownBy(() -> SafeXml.parse("<xml><open></xml>")).isInstanceOf(SafeXml.XmlRejected.class);
        assertThatThrownBy(() -> SafeXml.parse("<html/>")).isInstanceOf(SafeXml.XmlRejected.class);
    }

    static String read(String name) throws Exception {
        try (var in = SafeXmlTest.class.getResourceAsStream("/callbacks/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
