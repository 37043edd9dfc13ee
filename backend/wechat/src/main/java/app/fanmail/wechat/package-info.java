/**
 * WeChat: the anti-corruption layer. The only module that knows WeChat's URLs, JSON, XML,
 * errcodes, token handling and callback crypto. It owns the {@code wechat} schema (access tokens,
 * the callback inbox, customer-service windows). Other modules see domain types from
 * {@code wechat.api}: typed calls and failures, and typed inbound events (CDI, after commit).
 */
package app.fanmail.wechat;
