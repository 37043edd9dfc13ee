package app.fanmail.templates.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.fanmail.kernel.graphql.UserError;

/**
 * WeChat's template industry list (the industry model), loaded from
 * {@value #RESOURCE}: 41 industries in 15 primary classes, with Chinese and English names.
 *
 * <p>Lookups by class names accept what {@code get_industry} returns and the spellings found in
 * WeChat's documentation and template library: surrounding spaces are ignored, {@code /},
 * {@code ／}, {@code |} and {@code ｜} are the same separator, and listed aliases match
 * (e.g. {@code 证券|基金|理财|信托} for id 8).
 */
public final class IndustryCatalog {
    /** The classpath resource of the standard list. */
    public static final String RESOURCE = "/app/fanmail/templates/industries.tsv";
    /** Input field names used in user errors. */
    public static final String FIELD_PRIMARY = "primaryIndustryId";
    public static final String FIELD_SECONDARY = "secondaryIndustryId";

    private static final String HEADER = "id\tfirst_class\tsecond_class\tfirst_class_en\tsecond_class_en\tsecond_class_aliases";

    private final List<Industry> industries;
    private final Map<Integer, Industry> byId = new HashMap<>();
    private final Map<String, Industry> byClasses = new HashMap<>();
    private final List<IndustryClass> classes;

    private IndustryCatalog(List<Industry> industries) {
        this.industries = List.copyOf(industries);
        Map<String, List<Industry>> grouped = new LinkedHashMap<>();
        Map<String, String> classEn = new HashMap<>();
        for (Industry i : industries) {
            byId.put(i.id(), i);
            byClasses.put(pairKey(i.firstClass(), i.secondClass()), i);
            for (String alias : i.secondClassAliases()) {
                byClasses.putIfAbsent(pairKey(i.firstClass(), alias), i);
            }
            grouped.computeIfAbsent(i.firstClass(), k -> new ArrayList<>()).add(i);
            classEn.putIfAbsent(i.firstClass(), i.firstClassEn());
        }
        this.classes = grouped.entrySet().stream()
                .map(e -> new IndustryClass(e.getKey(), classEn.get(e.getKey()), e.getValue())).toList();
    }

    /** The list shipped with Fanmail. */
    public static IndustryCatalog standard() {
        return Standard.CATALOG;
    }

    /**
     * Reads a catalog in the resource's format: UTF-8 tab-separated lines, {@code #} comments and
     * blank lines skipped, the header first. Fails with the line number on any malformed line,
     * duplicate id or duplicate class pair.
     */
    public static IndustryCatalog parse(Reader source) {
        List<Industry> list = new ArrayList<>();
        Map<Integer, Integer> idLines = new HashMap<>();
        Map<String, Integer> pairLines = new HashMap<>();
        boolean headerSeen = false;
        try (BufferedReader in = new BufferedReader(source)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!line.equals(HEADER)) {
                        throw malformed(lineNo, "expected the header '" + HEADER.replace("\t", "\\t") + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 6) {
                    throw malformed(lineNo, "expected 6 tab-separated cells, found " + cells.length);
                }
                int id;
                try {
                    id = Integer.parseInt(cells[0].strip());
                } catch (NumberFormatException e) {
                    throw malformed(lineNo, "the id '" + cells[0] + "' is not a number");
                }
                if (id < 1) {
                    throw malformed(lineNo, "the id " + id + " is not positive");
                }
                for (int c = 1; c <= 4; c++) {
                    if (cells[c].isBlank()) {
                        throw malformed(lineNo, "cell " + (c + 1) + " is empty");
                    }
                }
                List<String> aliases = cells[5].isBlank() ? List.of()
                        : Arrays.stream(cells[5].split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                Industry industry = new Industry(id, cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip(), aliases);
                Integer earlier = idLines.putIfAbsent(id, lineNo);
                if (earlier != null) {
                    throw malformed(lineNo, "id " + id + " already on line " + earlier);
                }
                earlier = pairLines.putIfAbsent(pairKey(industry.firstClass(), industry.secondClass()), lineNo);
                if (earlier != null) {
                    throw malformed(lineNo, industry.label() + " already on line " + earlier);
                }
                list.add(industry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (list.isEmpty()) {
            throw new IllegalStateException("industry list: no industries");
        }
        return new IndustryCatalog(list);
    }

    /** All industries in id order of the file. */
    public List<Industry> all() {
        return industries;
    }

    /** The primary classes with their industries, for a two-level picker, in file order. */
    public List<IndustryClass> classes() {
        return classes;
    }

    public int size() {
        return industries.size();
    }

    public Optional<Industry> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The industry {@code get_industry} describes by {@code first_class} and {@code second_class}. */
    public Optional<Industry> byClasses(String firstClass, String secondClass) {
        if (firstClass == null || secondClass == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byClasses.get(pairKey(firstClass, secondClass)));
    }

    /**
     * Checks a choice for {@code api_set_industry}: both industries are required, must exist and
     * must differ (a secondary industry equal to the primary adds nothing; Fanmail refuses it).
     */
    public List<UserError> checkSelection(Integer primaryId, Integer secondaryId) {
        List<UserError> errors = new ArrayList<>();
        check(primaryId, FIELD_PRIMARY, "primary", errors);
        check(secondaryId, FIELD_SECONDARY, "secondary", errors);
        if (errors.isEmpty() && primaryId.equals(secondaryId)) {
            errors.add(UserError.of("INDUSTRIES_IDENTICAL", FIELD_SECONDARY,
                    "Choose a secondary industry different from the primary one."));
        }
        return errors;
    }

    private void check(Integer id, String field, String which, List<UserError> errors) {
        if (id == null) {
            errors.add(UserError.of("INDUSTRY_REQUIRED", field, "Choose the " + which + " industry."));
        } else if (!byId.containsKey(id)) {
            errors.add(UserError.of("INDUSTRY_UNKNOWN", field,
                    "WeChat has no industry " + id + "; industry ids are 1 to " + industries.size() + "."));
        }
    }

    private static String pairKey(String firstClass, String secondClass) {
        return normalize(firstClass) + "\u0000" + normalize(secondClass);
    }

    private static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '／' || c == '｜') {
                c = '|';
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static IllegalStateException malformed(int lineNo, String what) {
        return new IllegalStateException("industry list line " + lineNo + ": " + what);
    }

    private static final class Standard {
        static final IndustryCatalog CATALOG = load();

        private static IndustryCatalog load() {
            InputStream in = IndustryCatalog.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }
}
