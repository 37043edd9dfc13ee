package app.fanmail.app.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** The pure parts of the GraphQL HTTP edge: Accept negotiation, envelope checks, codes of request errors. */
class GraphQLHttpEdgeTest {

    @Test
    void negotiatesTheResponseMediaType() {
        assertThat(MediaTypes.negotiate(null)).isEqualTo(MediaTypes.JSON);
        assertThat(MediaTypes.negotiate("")).isEqualTo(MediaTypes.JSON);
        assertThat(MediaTypes.negotiate("*/*")).isEqualTo(MediaTypes.JSON);
        assertThat(MediaTypes.negotiate("application/*")).isEqualTo(MediaTypes.JSON);
        assertThat(MediaTypes.negotiate("application/json")).isEqualTo(MediaTypes.JSON);
        assertThat(MediaTypes.negotiate("application/graphql-response+json")).isEqualTo(MediaTypes.GRAPHQL_RESPONSE_JSON);
        assertThat(MediaTypes.negotiate("application/graphql-response+json, application/json;q=0.9"))
                .isEqualTo(MediaTypes.GRAPHQL_RESPONSE_JSON);
        assertThat(MediaTypes.negotiate("application/json, application/graphql-response+json")).isEqualTo(MediaTypes.GRAPHQL_RESPONSE_JSON);
        assertThat(MediaTypes.negotiate("application/graphql-response+json;q=0.5, application/json")).isEqualTo(MediaTypes.JSON);
        assertThat(MediaTypes.negotiate("Application/GraphQL-Response+JSON ; charset=utf-8")).isEqualTo(MediaTypes.GRAPHQL_RESPONSE_JSON);
        assertThat(MediaTypes.negotiate("text/html, */*;q=0.1")).isEqualTo(MediaTypes.JSON);
        assertThat(MediaTypes.negotiate("text/html")).isEqualTo(MediaTypes.NONE);
        assertThat(MediaTypes.negotiate("application/json;q=0, */*;q=0")).isEqualTo(MediaTypes.NONE);
        assertThat(MediaTypes.negotiate("application/json;q=0, */*")).isEqualTo(MediaTypes.GRAPHQL_RESPONSE_JSON);
        assertThat(MediaTypes.negotiate("application/json;q=nonsense")).isEqualTo(MediaTypes.NONE);
    }

    @Test
    void checksTheEnvelope() {
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\"{ a }\"}").code()).isNull();
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\"{ a }\",\"variables\":null,\"operationName\":null,\"extensions\":null}")
                .code()).isNull();
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\"{ a }\",\"variables\":{},\"operationName\":\"A\",\"extensions\":{}}")
                .code()).isNull();
        assertThat(GraphQLHttpFilter.Envelope.check("  ").code()).isEqualTo("BODY_MISSING");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":").code()).isEqualTo("JSON_INVALID");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\"{ a }\"} trailing").code()).isEqualTo("JSON_INVALID");
        assertThat(GraphQLHttpFilter.Envelope.check("[]").code()).isEqualTo("BODY_NOT_AN_OBJECT");
        assertThat(GraphQLHttpFilter.Envelope.check("\"{ a }\"").code()).isEqualTo("BODY_NOT_AN_OBJECT");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":null}").code()).isEqualTo("QUERY_MISSING");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\" \"}").code()).isEqualTo("QUERY_MISSING");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":{}}").message()).contains("query");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\"{ a }\",\"variables\":[1]}").message()).contains("variables");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\"{ a }\",\"operationName\":true}").message()).contains("operationName");
        assertThat(GraphQLHttpFilter.Envelope.check("{\"query\":\"{ a }\",\"extensions\":0}").message()).contains("extensions");
    }

    @Test
    void requestErrorsGetACode() {
        JsonObject error = GraphQLHttpFilter.requestError(
                "{\"errors\":[{\"message\":\"maximum query complexity exceeded 501 > 150\",\"extensions\":{\"classification\":\"ExecutionAborted\"}},{\"message\":\"x\",\"extensions\":{\"code\":\"KEEP\"}},{\"message\":\"Invalid syntax\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
        JsonObject coded = GraphQLHttpFilter.withCodes(error, "{ a }");
        assertThat(coded.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code")).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(coded.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("classification"))
                .isEqualTo("ExecutionAborted");
        assertThat(coded.getJsonArray("errors").getJsonObject(1).getJsonObject("extensions").getString("code")).isEqualTo("KEEP");
        assertThat(coded.getJsonArray("errors").getJsonObject(2).getJsonObject("extensions").getString("code")).isEqualTo("BAD_REQUEST");
        assertThat(GraphQLHttpFilter.requestError("{\"data\":null,\"errors\":[]}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(GraphQLHttpFilter.code("maximum query depth exceeded 20 > 15", "ExecutionAborted")).isEqualTo("QUERY_TOO_DEEP");
        assertThat(GraphQLHttpFilter.code("More than 5000 'grammar' tokens have been presented.", "InvalidSyntax")).isEqualTo("QUERY_TOO_LONG");
        assertThat(GraphQLHttpFilter.code("Invalid syntax with offending token", "InvalidSyntax")).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(GraphQLHttpFilter.code("Validation error", "ValidationError")).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(GraphQLHttpFilter.whyUnparseable("{")[0]).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(GraphQLHttpFilter.whyUnparseable("{")[1]).contains("line 1");
        assertThat(GraphQLHttpFilter.whyUnparseable("{ " + "a ".repeat(20000) + "}")[0]).isEqualTo("QUERY_TOO_LONG");
    }
}
