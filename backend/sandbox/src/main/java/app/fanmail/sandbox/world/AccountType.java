package app.fanmail.sandbox.world;

/** 服务号 or 订阅号: decides template access and the mass quota. */
public enum AccountType {
    SERVICE,
    SUBSCRIPTION
}
