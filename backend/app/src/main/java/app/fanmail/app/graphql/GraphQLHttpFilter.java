package app.fanmail.app.graphql;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.kernel.json.JsonFactories;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The GraphQL-over-HTTP edge in front of SmallRye's servlet, for POSTs to {@code /graphql} (the
 * authentication filter before it has already refused other methods, other content types and
 * requests without a session).
 * <ul>
 * <li>Checks the request envelope: a JSON object whose {@code query} is a non-empty string and
 * whose {@code operationName} (string), {@code variables} and {@code extensions} (objects) are
 * absent, null or of their type. Anything else is answered 400 with a GraphQL error and a code
 * (never a stack trace), and logged at FINE at most.</li>
 * <li>Negotiates the response type from Accept ({@link MediaTypes}):
 * {@code application/graphql-response+json} answers a request error (no {@code data} entry:
 * parse, validation, variable coercion or cost-limit failure) with 400; {@code application/json}
 * keeps the legacy 200. Neither acceptable: 406.</li>
 * <li>Turns a fault escaping the engine into a 500 GraphQL error (logged once with its stack).</li>
 * </ul>
 */
public class GraphQLHttpFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(GraphQLHttpFilter.class.getName());

    /** Json.create* looks the provider up per call inside WildFly; the shared factories are made once. */
    private static final JsonReaderFactory READERS = JsonFactories.READERS;
    private static final JsonBuilderFactory BUILDERS = JsonFactories.BUILDERS;
    private static final JsonParserFactory PARSERS = JsonFactories.PARSERS;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        MediaTypes answerAs = MediaTypes.negotiate(request.getHeader("Accept"));
        if (answerAs == MediaTypes.NONE) {
            refuse(request, response, MediaTypes.JSON, HttpServletResponse.SC_NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                    "Accept application/graphql-response+json or application/json.");
            return;
        }
        String body = readBody(request);
        Envelope envelope = Envelope.check(body);
        if (envelope.code() != null) {
            refuse(request, response, answerAs, HttpServletResponse.SC_BAD_REQUEST, envelope.code(), envelope.message());
            return;
        }
        BufferedResponse buffered = new BufferedResponse(response);
        try {
            chain.doFilter(new ReplayedRequest(request, body), buffered);
        } catch (IOException | ServletException | RuntimeException fault) {
            LOG.log(Level.SEVERE, "GraphQL request failed", fault);
            if (!response.isCommitted()) {
                response.resetBuffer();
                write(response, answerAs, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, error("INTERNAL_ERROR",
                        "Server error; the server log has the details."));
            }
            return;
        }
        finish(response, buffered, answerAs, envelope.query());
    }

    /**
     * Copies the engine's answer out with the negotiated type. A request error (no data entry) gets
     * a code on each error that has none, and, for the new media type, status 400.
     */
    private static void finish(HttpServletResponse response, BufferedResponse buffered, MediaTypes answerAs, String query)
            throws IOException {
        byte[] out = buffered.bytes();
        int status = buffered.getStatus();
        if (status == HttpServletResponse.SC_OK && mayBeRequestError(out, answerAs)) {
            JsonObject requestError = requestError(out);
            if (requestError != null) {
                out = withCodes(requestError, query).toString().getBytes(StandardCharsets.UTF_8);
                if (answerAs == MediaTypes.GRAPHQL_RESPONSE_JSON) {
                    status = HttpServletResponse.SC_BAD_REQUEST;
                }
            }
        }
        response.setStatus(status);
        if (status < 300 || status >= 400) {
            response.setContentType(answerAs.contentType());
        }
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }

    private static final byte[] DATA_KEY = "\"data\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * Cheap first look: a body without the bytes {@code "data"} cannot have a data entry (quotes in
     * JSON strings are escaped), so only such bodies, and for the new type all bodies, are parsed.
     */
    private static boolean mayBeRequestError(byte[] body, MediaTypes answerAs) {
        return answerAs == MediaTypes.GRAPHQL_RESPONSE_JSON || indexOf(body, DATA_KEY) < 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The response when it is a GraphQL response without a data entry (the request never reached execution), else null. */
    static JsonObject requestError(byte[] responseBody) {
        try (JsonReader r = READERS.createReader(new ByteArrayInputStream(responseBody), StandardCharsets.UTF_8)) {
            JsonValue v = r.readValue();
            if (v.getValueType() == JsonValue.ValueType.OBJECT && !v.asJsonObject().containsKey("data")) {
                return v.asJsonObject();
            }
            return null;
        } catch (JsonException e) {
            return null;
        }
    }

    /**
     * Gives each error of a request error a code (graphql-java's parse, validation and limit errors
     * have none). SmallRye answers every unparsable document with "Unparseable input document";
     * such a query is parsed again (only then) to say why: too long, or where the syntax is wrong.
     */
    static JsonObject withCodes(JsonObject response, String query) {
        JsonValue errors = response.get("errors");
        if (errors == null || errors.getValueType() != JsonValue.ValueType.ARRAY) {
            return response;
        }
        JsonArrayBuilder coded = BUILDERS.createArrayBuilder();
        for (JsonValue e : errors.asJsonArray()) {
            if (e.getValueType() != JsonValue.ValueType.OBJECT) {
                coded.add(e);
                continue;
            }
            JsonObject error = e.asJsonObject();
            JsonObject extensions = error.containsKey("extensions") && error.get("extensions").getValueType() == JsonValue.ValueType.OBJECT
                    ? error.getJsonObject("extensions") : JsonValue.EMPTY_JSON_OBJECT;
            if (extensions.containsKey("code")) {
                coded.add(error);
                continue;
            }
            String message = error.getString("message", "");
            String code;
            if (UNPARSEABLE.equals(message) && query != null) {
                String[] why = whyUnparseable(query);
                code = why[0];
                message = why[1];
            } else {
                code = code(message, extensions.getString("classification", ""));
            }
            coded.add(BUILDERS.createObjectBuilder(error).add("message", message)
                    .add("extensions", BUILDERS.createObjectBuilder(extensions).add("code", code)));
        }
        return BUILDERS.createObjectBuilder(response).add("errors", coded).build();
    }

    private static final String UNPARSEABLE = "Unparseable input document";

    /** The code and message of a query that does not parse, with the limits operations are parsed with. */
    static String[] whyUnparseable(String query) {
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
            return new String[] {"GRAPHQL_PARSE_FAILED", UNPARSEABLE};
        } catch (ParseCancelledException | ParseCancelledTooManyCharsException e) {
            return new String[] {"QUERY_TOO_LONG", e.getMessage()};
        } catch (ParseCancelledTooDeepException e) {
            return new String[] {"QUERY_TOO_DEEP", e.getMessage()};
        } catch (InvalidSyntaxException e) {
            return new String[] {"GRAPHQL_PARSE_FAILED", e.getMessage()};
        }
    }

    static String code(String message, String classification) {
        if (message.contains("maximum query complexity")) {
            return "QUERY_TOO_COMPLEX";
        }
        if (message.contains("maximum query depth")) {
            return "QUERY_TOO_DEEP";
        }
        if (message.contains("tokens have been presented")) {
            return "QUERY_TOO_LONG";
        }
        return switch (classification) {
            case "InvalidSyntax" -> "GRAPHQL_PARSE_FAILED";
            case "ValidationError" -> "GRAPHQL_VALIDATION_FAILED";
            default -> "BAD_REQUEST";
        };
    }

    private static String readBody(HttpServletRequest request) throws IOException {
        StringBuilder sb = new StringBuilder(Math.max(request.getContentLength(), 64));
        char[] buf = new char[8192];
        try (Reader in = request.getReader()) {
            for (int n; (n = in.read(buf)) != -1; ) {
                sb.append(buf, 0, n);
            }
        }
        return sb.toString();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, MediaTypes answerAs, int status, String code,
                               String message) throws IOException {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("GraphQL request from " + request.getRemoteAddr() + " refused: " + status + " " + code);
        }
        write(response, answerAs, status, error(code, message));
    }

    static JsonObject error(String code, String message) {
        return BUILDERS.createObjectBuilder()
                .add("errors", BUILDERS.createArrayBuilder().add(BUILDERS.createObjectBuilder()
                        .add("message", message)
                        .add("extensions", BUILDERS.createObjectBuilder().add("code", code))))
                .build();
    }

    private static void write(HttpServletResponse response, MediaTypes answerAs, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(answerAs.contentType());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** What is wrong with a request body, as a code and message; both null when nothing is. */
    record Envelope(String code, String message, String query) {
        Envelope(String code, String message) {
            this(code, message, null);
        }

        static Envelope check(String body) {
            if (body.isBlank()) {
                return new Envelope("BODY_MISSING", "Send a JSON object with a query, e.g. {\"query\":\"{ viewer { username } }\"}.");
            }
            JsonValue value;
            try (JsonParser p = PARSERS.createParser(new StringReader(body))) {
                p.next();
                value = p.getValue();
                if (p.hasNext()) {
                    return new Envelope("JSON_INVALID", "The body has more than one JSON value.");
                }
            } catch (JsonParsingException e) {
                return new Envelope("JSON_INVALID", e.getLocation() == null ? "The body is not valid JSON."
                        : "The body is not valid JSON (line " + e.getLocation().getLineNumber() + ", column "
                        + e.getLocation().getColumnNumber() + ").");
            } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
                return new Envelope("JSON_INVALID", "The body is not valid JSON.");
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return new Envelope("BODY_NOT_AN_OBJECT", "The body must be one JSON object with a query (batches are not supported).");
            }
            JsonObject o = value.asJsonObject();
            JsonValue query = o.get("query");
            if (query == null || query.getValueType() == JsonValue.ValueType.NULL) {
                return new Envelope("QUERY_MISSING", "The body has no query.");
            }
            if (query.getValueType() != JsonValue.ValueType.STRING) {
                return invalid("query", "a string");
            }
            if (((jakarta.json.JsonString) query).getString().isBlank()) {
                return new Envelope("QUERY_MISSING", "The query is empty.");
            }
            if (!nullOr(o.get("operationName"), JsonValue.ValueType.STRING)) {
                return invalid("operationName", "a string or null");
            }
            if (!nullOr(o.get("variables"), JsonValue.ValueType.OBJECT)) {
                return invalid("variables", "an object or null");
            }
            if (!nullOr(o.get("extensions"), JsonValue.ValueType.OBJECT)) {
                return invalid("extensions", "an object or null");
            }
            return new Envelope(null, null, ((jakarta.json.JsonString) query).getString());
        }

        private static boolean nullOr(JsonValue v, JsonValue.ValueType type) {
            return v == null || v.getValueType() == JsonValue.ValueType.NULL || v.getValueType() == type;
        }

        private static Envelope invalid(String parameter, String expected) {
            return new Envelope("PARAMETER_INVALID", "The request's " + parameter + " must be " + expected + ".");
        }
    }

    /** The request with its body read once and given again to the GraphQL servlet. */
    private static final class ReplayedRequest extends HttpServletRequestWrapper {
        private final String body;
        private final byte[] bytes;

        ReplayedRequest(HttpServletRequest request, String body) {
            super(request);
            this.body = body;
            this.bytes = body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new StringReader(body));
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }

    /** Holds the engine's answer so its status and type can follow the negotiated media type. */
    private static final class BufferedResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        private ServletOutputStream stream;
        private PrintWriter writer;

        BufferedResponse(HttpServletResponse response) {
            super(response);
        }

        byte[] bytes() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new IllegalStateException("buffered");
                    }

                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int len) {
            // set from the buffer when it is copied out
        }

        @Override
        public void setContentLengthLong(long len) {
            // set from the buffer when it is copied out
        }

        @Override
        public void flushBuffer() {
            // nothing reaches the client before the filter has looked at it
        }
    }
}
