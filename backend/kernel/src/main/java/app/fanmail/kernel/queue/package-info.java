/**
 * One PostgreSQL work-queue mechanism for every module: claim with {@code FOR UPDATE SKIP LOCKED} and a lease,
 * attempts, exponential back-off and dead letters over the module's own table (the wechat callback inbox today,
 * dispatch next).
 */
package app.fanmail.kernel.queue;
