/**
 * WeChat's callback security, written from the wire description only (no code shared with Fanmail):
 * the SHA-1 signature over sorted parameters and WXBizMsgCrypt (AES-256-CBC with a 32-byte PKCS#7 block).
 */
package app.fanmail.sandbox.crypto;
