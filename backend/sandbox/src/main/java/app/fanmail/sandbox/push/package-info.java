/**
 * Callback delivery as WeChat does it: signed (and in safe/compatible mode encrypted) XML POSTed to the
 * account's server URL, 5 s timeout, 3 tries in all, a reply of {@code success} or an empty body ends it.
 * Knows nothing about the simulated world: it gets a {@link app.fanmail.sandbox.push.CallbackTarget} and XML.
 */
package app.fanmail.sandbox.push;
