/**
 * The JAX-RS shell: {@code /wechat-sandbox/cgi-bin/…} and {@code /wechat-sandbox/wxa/…} (WeChat's API) and
 * {@code /wechat-sandbox/_sandbox/…} (control API), wired to the container's managed executors and
 * MicroProfile Config.
 */
package app.fanmail.sandbox.web;
