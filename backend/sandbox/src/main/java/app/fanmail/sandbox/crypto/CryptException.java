package app.fanmail.sandbox.crypto;

/** A WXBizMsgCrypt failure with the error constant of the official samples (-40001 … -40011). */
public final class CryptException extends RuntimeException {

    public static final int VALIDATE_SIGNATURE_ERROR = -40001;
    public static final int PARSE_XML_ERROR = -40002;
    public static final int ILLEGAL_AES_KEY = -40004;
    public static final int VALIDATE_APPID_ERROR = -40005;
    public static final int ENCRYPT_AES_ERROR = -40006;
    public static final int DECRYPT_AES_ERROR = -40007;
    public static final int ILLEGAL_BUFFER = -40008;
    public static final int DECODE_BASE64_ERROR = -40010;

    private final int code;

    public CryptException(int code, String message) {
        super(message + " (" + code + ")");
        this.code = code;
    }

    public CryptException(int code, String message, Throwable cause) {
        super(message + " (" + code + ")", cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
