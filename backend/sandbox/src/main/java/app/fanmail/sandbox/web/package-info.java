/**
 * The JAX-RS shell: {@code /wechat-sandbox/cgi-bin/…}, {@code /wechat-sandbox/wxa/…} and
 * {@code /wechat-sandbox/wxaapi/…} (WeChat's API) and {@code /wechat-sandbox/_sandbox/…} (control API), wired to the
 * container's managed executors and MicroProfile Config.
 */
package app.fanmail.sandbox.web;
