/**
 * The Redis pub/sub {@link dev.wsboot.cluster.WsBackplane}, through Spring Data Redis.
 */
@NullMarked
package dev.wsboot.cluster.redis;

import org.jspecify.annotations.NullMarked;
