package app.fanmail.wechat.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Parses WeChat's callback XML with every dangerous feature off: no DOCTYPE at all (so no external
 * entities and no entity expansion bombs), no XInclude, secure processing, and a size limit
 * checked before parsing. Returns the root's elements as a flat map; nested elements (the
 * copyright check results of MASSSENDJOBFINISH) are kept as their own maps.
 */
public final class SafeXml {
    public static final int MAX_BYTES = 64 * 1024;
    private static final DocumentBuilderFactory FACTORY = factory();
    /** Building a parser costs more than parsing a callback: each thread keeps one and resets it. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private SafeXml() {
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot harden the XML parser", e);
        }
    }

    /** Parses a {@code <xml>…</xml>} document into field name → text (or nested map). */
    public static Map<String, Object> parse(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            throw new XmlRejected("XML larger than " + MAX_BYTES + " bytes");
        }
        DocumentBuilder builder = BUILDER.get();
        try {
            builder.reset();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(xml));
            Element root = doc.getDocumentElement();
            if (!"xml".equals(root.getTagName())) {
                throw new XmlRejected("Root element is not <xml>");
            }
            return children(root);
        } catch (SAXException | IOException e) {
            throw new XmlRejected("Malformed or forbidden XML: " + e.getMessage());
        }
    }

    public static Map<String, Object> parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> children(Element parent) {
        Map<String, Object> fields = new LinkedHashMap<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e) {
                boolean hasElementChildren = false;
                NodeList inner = e.getChildNodes();
                for (int j = 0; j < inner.getLength(); j++) {
                    hasElementChildren |= inner.item(j) instanceof Element;
                }
                Object value = hasElementChildren ? children(e) : e.getTextContent();
                String name = e.getTagName();
                if (fields.containsKey(name)) {
                    // repeated elements (item lists) get numbered keys: item, item#2, ...
                    int n = 2;
                    while (fields.containsKey(name + "#" + n)) {
                        n++;
                    }
                    name = name + "#" + n;
                }
                fields.put(name, value);
            }
        }
        return fields;
    }

    /** Escapes text for an XML element (CDATA cannot hold "]]>"). */
    public static String cdata(String text) {
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    public static final class XmlRejected extends RuntimeException {
        public XmlRejected(String message) {
            super(message);
        }
    }
}
