/**
 * The simulated WeChat: plain Java, no container. {@link app.fanmail.sandbox.world.World} holds the accounts
 * (tokens, fans, tags, media, drafts, templates, customer-service windows, mass jobs, quotas, ledger);
 * {@link app.fanmail.sandbox.world.WeChatApi} maps WeChat's paths and JSON onto it;
 * {@link app.fanmail.sandbox.world.ControlApi} is the sandbox's own control surface.
 * Time comes from {@link app.fanmail.sandbox.world.SandboxClock}, which tests move forward.
 */
package app.fanmail.sandbox.world;
