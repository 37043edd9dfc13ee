package app.fanmail.app.db;

import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Just enough of an {@link EntityManager} for services that use only native queries with {@code ?n} parameters,
 * run over one JDBC connection against a real PostgreSQL: tests their SQL without a server. Values come back as
 * Hibernate returns them (timestamptz as OffsetDateTime, one column as the value, several as Object[]).
 */
public final class JdbcEntityManager {
    private static final Pattern PARAM = Pattern.compile("\\?(\\d+)");

    private JdbcEntityManager() {
    }

    public static EntityManager over(Connection connection) {
        return (EntityManager) Proxy.newProxyInstance(JdbcEntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createNativeQuery") && args.length == 1) {
                        return query(connection, (String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Query query(Connection connection, String sql) {
        Map<Integer, Object> params = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        Matcher m = PARAM.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        return (Query) Proxy.newProxyInstance(JdbcEntityManager.class.getClassLoader(), new Class<?>[] {Query.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setParameter" -> {
                        params.put((Integer) args[0], args[1]);
                        yield proxy;
                    }
                    case "getResultList" -> run(connection, jdbc.toString(), order, params, true);
                    case "getSingleResult" -> run(connection, jdbc.toString(), order, params, true).get(0);
                    case "executeUpdate" -> run(connection, jdbc.toString(), order, params, false).get(0);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static List<Object> run(Connection c, String sql, List<Integer> order, Map<Integer, Object> params, boolean rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < order.size(); i++) {
                if (!params.containsKey(order.get(i))) {
                    throw new IllegalStateException("parameter ?" + order.get(i) + " not set in " + sql);
                }
                bind(c, ps, i + 1, params.get(order.get(i)));
            }
            if (!rows) {
                return List.of(ps.executeUpdate());
            }
            List<Object> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Object[] row = new Object[md.getColumnCount()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = md.getColumnTypeName(i + 1).equals("timestamptz") ? rs.getObject(i + 1, OffsetDateTime.class) : rs.getObject(i + 1);
                    }
                    out.add(row.length == 1 ? row[0] : row);
                }
            }
            return out;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Instant i) {
            ps.setObject(index, OffsetDateTime.ofInstant(i, ZoneOffset.UTC));
        } else if (value instanceof String[] a) {
            ps.setArray(index, array(c, "text", a));
        } else if (value instanceof Long[] a) {
            ps.setArray(index, array(c, "bigint", a));
        } else if (value instanceof Integer[] a) {
            ps.setArray(index, array(c, "integer", a));
        } else if (value instanceof Boolean[] a) {
            ps.setArray(index, array(c, "boolean", a));
        } else {
            ps.setObject(index, value);
        }
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
