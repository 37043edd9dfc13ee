package app.fanmail.audiences.application;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.audiences.domain.CsvRecords;
import app.fanmail.audiences.domain.UploadLines;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Uploaded openid lists. {@link #ingest} streams the body: records are parsed and checked one by one and stored
 * {@value #BATCH} lines at a time, each batch in its own transaction (the file is never held in memory; a failure
 * leaves a FAILED upload without lines). Once every line is in, duplicates and unknown openids are marked in SQL.
 */
@ApplicationScoped
public class UploadService {
    public static final int BATCH = 2000;
    public static final int MAX_COLUMNS = 50;
    public static final int MAX_RECORD_CHARS = 100_000;
    public static final int MAX_NAME = 200;

    @Inject
    UploadRepository store;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;
    @Inject
    UploadService self;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.upload-max-bytes", defaultValue = "67108864")
    long maxBytes;

    /** The body is larger than {@link #maxBytes()}; the upload is FAILED (code UPLOAD_TOO_LARGE). */
    public static final class TooLargeException extends IOException {
        private final UUID uploadId;
        private final long limit;

        public TooLargeException(UUID uploadId, long limit) {
            super("The upload is larger than " + limit + " bytes.");
            this.uploadId = uploadId;
            this.limit = limit;
        }

        public UUID uploadId() {
            return uploadId;
        }

        public long limit() {
            return limit;
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads the whole body into a new upload of the account.
     *
     * @param csv false for plain text (one openid per line)
     * @throws UserErrorsException NOT_FOUND (account), NAME_REQUIRED, NAME_TOO_LONG before anything is stored;
     *                             LINE_TOO_LONG or TOO_MANY_COLUMNS (header) after, the upload being FAILED
     * @throws TooLargeException   beyond the size limit
     * @throws IOException         when the body could not be read (the upload is FAILED)
     */
    public StoredUpload ingest(UUID accountId, String name, boolean csv, InputStream body) throws IOException {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new UserErrorsException("NAME_REQUIRED", "name", "Give the upload a name.");
        }
        if (n.length() > MAX_NAME) {
            throw new UserErrorsException("NAME_TOO_LONG", "name", "A name has at most " + MAX_NAME + " characters.");
        }
        UUID id = UUID.randomUUID();
        self.begin(new StoredUpload(id, accountId, n, StoredUpload.Status.PROCESSING, List.of(UploadLines.OPENID_COLUMN), 0, 0, 0, 0, 0, 0,
                0, null, null, clock.instant(), CurrentViewer.get().map(Viewer::username).orElse(null)));
        Counting counted = new Counting(body, maxBytes, id);
        UploadLines lines = new UploadLines(MAX_COLUMNS);
        int total = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16)) {
            CsvRecords records = new CsvRecords(reader, csv, MAX_RECORD_CHARS);
            List<UploadLines.Line> batch = new ArrayList<>(BATCH);
            for (CsvRecords.Record r = records.next(); r != null; r = records.next()) {
                UploadLines.Line line = lines.accept(r);
                if (line != null) {
                    total++;
                    batch.add(line);
                    if (batch.size() == BATCH) {
                        self.addLines(id, batch, total, counted.count);
                        batch = new ArrayList<>(BATCH);
                    }
                }
            }
            self.addLines(id, batch, total, counted.count);
        } catch (TooLargeException e) {
            self.fail(id, "UPLOAD_TOO_LARGE", e.getMessage(), counted.count);
            throw e;
        } catch (CsvRecords.RecordTooLongException e) {
            self.fail(id, "LINE_TOO_LONG", e.getMessage(), counted.count);
            throw new UserErrorsException("LINE_TOO_LONG", "body", e.getMessage());
        } catch (UploadLines.BadHeaderException e) {
            self.fail(id, "TOO_MANY_COLUMNS", e.getMessage(), counted.count);
            throw new UserErrorsException("TOO_MANY_COLUMNS", "body", e.getMessage());
        } catch (IOException | RuntimeException e) {
            self.fail(id, "UPLOAD_INTERRUPTED", "The upload could not be read to its end.", counted.count);
            throw e;
        }
        return self.complete(id, lines.columns(), lines.openidColumn(), total, counted.count);
    }

    @Transactional
    public void begin(StoredUpload upload) {
        store.insert(upload);
    }

    @Transactional
    public void addLines(UUID id, List<UploadLines.Line> lines, int total, long bytes) {
        store.addLines(id, lines, total, bytes);
    }

    @Transactional
    public StoredUpload complete(UUID id, List<String> columns, int openidColumn, int total, long bytes) {
        return store.complete(id, columns, openidColumn, total, bytes);
    }

    @Transactional
    public void fail(UUID id, String code, String message, long bytes) {
        store.fail(id, code, message, bytes);
    }

    public Optional<StoredUpload> find(UUID id) {
        return store.find(id);
    }

    public List<StoredUpload> page(UUID accountId, Instant afterCreatedAt, UUID afterId, int limit) {
        return store.page(accountId, afterCreatedAt, afterId, limit);
    }

    public List<UploadProblemLine> problems(UUID uploadId, int afterLine, int limit) {
        return store.problems(uploadId, afterLine, limit);
    }

    /** Deletes the upload and its lines (snapshots taken from it keep their copy; an upload still being read fails); NOT_FOUND when there is none. */
    @Transactional
    public UUID delete(UUID id) {
        StoredUpload u = store.find(id).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such upload."));
        store.delete(u.id());
        return id;
    }

    /** Counts the bytes read and stops past the limit. */
    private static final class Counting extends FilterInputStream {
        private final long limit;
        private final UUID id;
        long count;

        Counting(InputStream in, long limit, UUID id) {
            super(in);
            this.limit = limit;
            this.id = id;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws TooLargeException {
            count += n;
            if (count > limit) {
                throw new TooLargeException(id, limit);
            }
        }
    }
}
