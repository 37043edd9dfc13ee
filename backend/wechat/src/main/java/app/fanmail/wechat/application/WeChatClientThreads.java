package app.fanmail.wechat.application;

/**
 * Which threads belong to Fanmail's WeChat HTTP client (its completion and timer threads and the JDK client's
 * selector), so that the send benchmark can report their number and CPU time. Implemented by the client factory.
 */
public interface WeChatClientThreads {
    boolean isClientThread(String threadName);
}
