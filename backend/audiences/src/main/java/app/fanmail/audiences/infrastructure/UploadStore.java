package app.fanmail.audiences.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.application.StoredUpload;
import app.fanmail.audiences.application.UploadProblemLine;
import app.fanmail.audiences.application.UploadRepository;
import app.fanmail.audiences.domain.UploadLines;
import app.fanmail.audiences.domain.UploadProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Uploads in {@code audiences.upload} and {@code audiences.upload_row}; a batch of lines is one unnest insert. */
@ApplicationScoped
public class UploadStore implements UploadRepository {
    private static final String COLUMNS = "id, account_id, name, status, cast(array_to_json(columns) as text), openid_column, total_lines, valid,"
            + " invalid, unknown, duplicates, bytes, error_code, error_message, created_at, created_by";

    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    public void insert(StoredUpload u) {
        em.createNativeQuery("insert into audiences.upload (id, account_id, name, status, columns, openid_column, created_at, created_by)"
                        + " values (?1, ?2, ?3, ?4, cast(?5 as text[]), ?6, ?7, ?8)")
                .setParameter(1, u.id()).setParameter(2, u.accountId()).setParameter(3, u.name()).setParameter(4, u.status().name())
                .setParameter(5, u.columns().toArray(String[]::new)).setParameter(6, u.openidColumn()).setParameter(7, u.createdAt())
                .setParameter(8, u.createdBy()).executeUpdate();
    }

    @Override
    public void addLines(UUID uploadId, List<UploadLines.Line> lines, int totalLines, long bytes) {
        if (!lines.isEmpty()) {
            Integer[] numbers = new Integer[lines.size()];
            String[] openids = new String[lines.size()];
            String[] problems = new String[lines.size()];
            String[] cells = new String[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                UploadLines.Line l = lines.get(i);
                numbers[i] = l.lineNo();
                openids[i] = l.openid();
                problems[i] = l.problem() == null ? null : l.problem().name();
                cells[i] = Rows.json(l.cells());
            }
            em.createNativeQuery("insert into audiences.upload_row (upload_id, line_no, openid, problem, cells)"
                            + " select ?1, l.n, l.o, l.p, cast(l.c as jsonb)"
                            + " from unnest(cast(?2 as integer[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[])) as l(n, o, p, c)")
                    .setParameter(1, uploadId).setParameter(2, numbers).setParameter(3, openids).setParameter(4, problems)
                    .setParameter(5, cells).executeUpdate();
        }
        em.createNativeQuery("update audiences.upload set total_lines = ?2, bytes = ?3 where id = ?1")
                .setParameter(1, uploadId).setParameter(2, totalLines).setParameter(3, bytes).executeUpdate();
    }

    @Override
    public StoredUpload complete(UUID uploadId, List<String> columns, int openidColumn, int totalLines, long bytes) {
        em.createNativeQuery("update audiences.upload_row r set problem = 'DUPLICATE' from ("
                        + " select line_no from (select line_no, row_number() over (partition by openid order by line_no) as n"
                        + " from audiences.upload_row where upload_id = ?1 and problem is null) d where d.n > 1) d"
                        + " where r.upload_id = ?1 and r.line_no = d.line_no")
                .setParameter(1, uploadId).executeUpdate();
        em.createNativeQuery("update audiences.upload_row r set problem = 'UNKNOWN_OPENID' where r.upload_id = ?1 and r.problem is null"
                        + " and not exists (select 1 from audiences.fan f where f.account_id = (select account_id from audiences.upload where id = ?1)"
                        + " and f.openid = r.openid)")
                .setParameter(1, uploadId).executeUpdate();
        em.createNativeQuery("update audiences.upload u set status = 'READY', columns = cast(?2 as text[]), openid_column = ?3,"
                        + " total_lines = ?4, bytes = ?5, valid = c.valid, invalid = c.invalid, unknown = c.unknown, duplicates = c.duplicates"
                        + " from (select count(*) filter (where problem is null) as valid,"
                        + " count(*) filter (where problem in ('INVALID_OPENID', 'EMPTY_LINE', 'TOO_MANY_COLUMNS')) as invalid,"
                        + " count(*) filter (where problem = 'UNKNOWN_OPENID') as unknown,"
                        + " count(*) filter (where problem = 'DUPLICATE') as duplicates"
                        + " from audiences.upload_row where upload_id = ?1) c where u.id = ?1")
                .setParameter(1, uploadId).setParameter(2, columns.toArray(String[]::new)).setParameter(3, openidColumn)
                .setParameter(4, totalLines).setParameter(5, bytes).executeUpdate();
        return find(uploadId).orElseThrow();
    }

    @Override
    public void fail(UUID uploadId, String code, String message, long bytes) {
        em.createNativeQuery("delete from audiences.upload_row where upload_id = ?1").setParameter(1, uploadId).executeUpdate();
        em.createNativeQuery("update audiences.upload set status = 'FAILED', error_code = ?2, error_message = ?3, bytes = ?4,"
                        + " valid = 0, invalid = 0, unknown = 0, duplicates = 0 where id = ?1")
                .setParameter(1, uploadId).setParameter(2, code).setParameter(3, message).setParameter(4, bytes).executeUpdate();
    }

    @Override
    public Optional<StoredUpload> find(UUID id) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from audiences.upload where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> upload((Object[]) r));
    }

    @Override
    public List<StoredUpload> page(UUID accountId, Instant afterCreatedAt, UUID afterId, int limit) {
        var q = afterCreatedAt == null
                ? em.createNativeQuery("select " + COLUMNS + " from audiences.upload where account_id = ?1 order by created_at desc, id desc limit ?2")
                : em.createNativeQuery("select " + COLUMNS + " from audiences.upload where account_id = ?1 and (created_at, id) < (?3, ?4)"
                        + " order by created_at desc, id desc limit ?2").setParameter(3, afterCreatedAt).setParameter(4, afterId);
        List<StoredUpload> out = new ArrayList<>();
        for (Object r : q.setParameter(1, accountId).setParameter(2, limit).getResultList()) {
            out.add(upload((Object[]) r));
        }
        return out;
    }

    @Override
    public List<UploadProblemLine> problems(UUID uploadId, int afterLine, int limit) {
        List<UploadProblemLine> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select line_no, openid, problem from audiences.upload_row where upload_id = ?1"
                        + " and problem is not null and line_no > ?2 order by line_no limit ?3")
                .setParameter(1, uploadId).setParameter(2, afterLine).setParameter(3, limit).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new UploadProblemLine(Rows.integer(r[0]), (String) r[1], UploadProblem.valueOf((String) r[2])));
        }
        return out;
    }

    @Override
    public boolean delete(UUID id) {
        return em.createNativeQuery("delete from audiences.upload where id = ?1").setParameter(1, id).executeUpdate() > 0;
    }

    private static StoredUpload upload(Object[] r) {
        return new StoredUpload(Rows.uuid(r[0]), Rows.uuid(r[1]), (String) r[2], StoredUpload.Status.valueOf((String) r[3]),
                Rows.strings(r[4]), Rows.integer(r[5]), Rows.integer(r[6]), Rows.integer(r[7]), Rows.integer(r[8]), Rows.integer(r[9]),
                Rows.integer(r[10]), Rows.lng(r[11]), (String) r[12], (String) r[13], Rows.instant(r[14]), (String) r[15]);
    }
}
