package app.fanmail.sandbox.world;

/** How many customer-service messages one trigger allows, and for how long. */
public record KefuRule(int count, long seconds) {
}
