package app.fanmail.app.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.CoercedVariables;
import graphql.language.AstTransformer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

/**
 * The cost limits of microprofile-config.properties let through every document the frontend sends
 * (found in frontend/src) and GraphiQL's introspection, and stop the abusive shapes they exist for.
 * Depth and complexity are computed exactly as graphql-java's MaxQueryDepth/ComplexityInstrumentation
 * (which SmallRye installs from the same keys) compute them.
 */
class GraphQLCostLimitsTest {
    private static final Path CONFIG = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path FRONTEND = Path.of("../../frontend/src");
    private static final Pattern DOCUMENT = Pattern.compile("graphql\\(\\s*`([^`]*)`");

    private static GraphQLSchema schema;
    private static int maxDepth;
    private static int maxComplexity;
    private static int maxTokens;

    @BeforeAll
    static void load() throws IOException {
        // nullability changes no cost; without it the analysis needs no argument values
        schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new SchemaParser().parse(Files.readString(Path.of("schema.graphql")).replace("!", "")));
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CONFIG)) {
            p.load(r);
        }
        maxDepth = Integer.parseInt(p.getProperty("smallrye.graphql.instrumentation.queryDepth"));
        maxComplexity = Integer.parseInt(p.getProperty("smallrye.graphql.instrumentation.queryComplexity"));
        maxTokens = Integer.parseInt(p.getProperty("smallrye.graphql.parser.maxTokens"));
    }

    /** Every operation the frontend defines, with the fragments of all its files appended. */
    static Map<String, String> frontendOperations() throws IOException {
        List<String> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(FRONTEND)) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.tsx?$") && !f.toString().matches(".*\\.test\\.tsx?$")
                    && !f.toString().contains("/gql/")).toList()) {
                Matcher m = DOCUMENT.matcher(Files.readString(f));
                while (m.find()) {
                    documents.add(m.group(1));
                }
            }
        }
        String fragments = documents.stream().filter(d -> d.trim().startsWith("fragment")).collect(Collectors.joining("\n"));
        Map<String, String> operations = new LinkedHashMap<>();
        for (String d : documents) {
            if (!d.trim().startsWith("fragment")) {
                Document parsed = Parser.parse(d);
                String name = parsed.getDefinitionsOfType(OperationDefinition.class).get(0).getName();
                operations.put(name, d + "\n" + fragments);
            }
        }
        return operations;
    }

    static int depth(Document document, String operationName) {
        QueryTraverser traverser = QueryTraverser.newQueryTraverser().schema(schema).document(document).operationName(operationName)
                .coercedVariables(CoercedVariables.emptyVariables()).build();
        return traverser.reducePreOrder((env, acc) -> Math.max(pathLength(env.getParentEnvironment()), acc), 0);
    }

    private static int pathLength(QueryVisitorFieldEnvironment env) {
        int length = 1;
        for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
            length++;
        }
        return length;
    }

    static int complexity(Document document, String operationName) {
        return QueryComplexityCalculator.newCalculator().schema(schema).document(document).operationName(operationName)
                .variables(CoercedVariables.emptyVariables()).fieldComplexityCalculator((env, child) -> 1 + child).build().calculate();
    }

    /**
     * Parses with the configured token limit and drops arguments and variable definitions: with the
     * default field cost (1 + children) they change neither depth nor complexity, and the analysis
     * would otherwise need a valid value for every variable.
     */
    private static Document parse(String text) {
        Document d = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(text)
                .parserOptions(ParserOptions.newParserOptions().maxTokens(maxTokens).build()).build());
        return (Document) new AstTransformer().transform(d, new NodeVisitorStub() {
            @Override
            public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                return TreeTransformerUtil.changeNode(context, node.transform(b -> b.arguments(List.of())));
            }

            @Override
            public TraversalControl visitOperationDefinition(OperationDefinition node, TraverserContext<Node> context) {
                return TreeTransformerUtil.changeNode(context, node.transform(b -> b.variableDefinitions(List.of())));
            }
        });
    }

    @Test
    void everyFrontendOperationIsWithinTheLimits() throws IOException {
        Map<String, String> operations = frontendOperations();
        assertThat(operations).as("operations found in frontend/src").hasSizeGreaterThan(30).containsKey("TemplatesSetupPage");
        for (Map.Entry<String, String> op : operations.entrySet()) {
            Document d = parse(op.getValue());
            int depth = depth(d, op.getKey());
            int complexity = complexity(d, op.getKey());
            assertThat(depth).as(op.getKey() + " depth").isPositive().isLessThanOrEqualTo(maxDepth);
            assertThat(complexity).as(op.getKey() + " complexity").isLessThanOrEqualTo(maxComplexity);
        }
    }

    @Test
    void graphiqlIntrospectionIsWithinTheLimits() throws IOException {
        String query = Files.readString(Path.of("src/test/resources/graphql/introspection-query.graphql"));
        Document d = parse(query);
        assertThat(depth(d, "IntrospectionQuery")).isLessThanOrEqualTo(maxDepth);
        assertThat(complexity(d, "IntrospectionQuery")).isLessThanOrEqualTo(maxComplexity);
    }

    @Test
    void fiveHundredAliasesExceedTheComplexity() {
        String aliases = Stream.iterate(0, i -> i + 1).limit(500).map(i -> "a" + i + ": industryCatalog { id }").collect(Collectors.joining(" "));
        Document d = parse("query Aliases { " + aliases + " }");
        assertThat(complexity(d, "Aliases")).isGreaterThan(maxComplexity);
    }

    @Test
    void aDeeplyNestedIntrospectionExceedsTheDepth() {
        String nested = "name " + "ofType { name ".repeat(20) + "}".repeat(20);
        Document d = parse("query Deep { __schema { types { fields { type { " + nested + " } } } } }");
        assertThat(depth(d, "Deep")).isGreaterThan(maxDepth);
    }

    @Test
    void aHugeDocumentExceedsTheTokenLimit() {
        String fields = "__typename ".repeat(maxTokens);
        assertThatThrownBy(() -> parse("{ " + fields + " }")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void printsTheMeasuredCosts() throws IOException {
        // for the ADR: the most expensive frontend operations
        frontendOperations().forEach((name, text) -> {
            Document d = parse(text);
            System.out.println("cost " + name + " depth=" + depth(d, name) + " complexity=" + complexity(d, name));
        });
        Document d = parse(readIntrospection());
        System.out.println("cost IntrospectionQuery depth=" + depth(d, "IntrospectionQuery") + " complexity=" + complexity(d, "IntrospectionQuery"));
    }

    private static String readIntrospection() throws IOException {
        return Files.readString(Path.of("src/test/resources/graphql/introspection-query.graphql"));
    }

    @SuppressWarnings("unused")
    private static List<FragmentDefinition> fragments(Document d) {
        return d.getDefinitionsOfType(FragmentDefinition.class);
    }
}
