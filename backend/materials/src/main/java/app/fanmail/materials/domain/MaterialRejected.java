package app.fanmail.materials.domain;

/** A file or request WeChat would refuse (or Fanmail cannot take), found before anything was sent: a stable code, the field, a message. */
public class MaterialRejected extends RuntimeException {
    private final String code;
    private final String field;

    public MaterialRejected(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
