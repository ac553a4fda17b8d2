package dev.wsboot.cluster;

/**
 * A live node as its last heartbeat described it.
 *
 * @param number its node number, the high bits of its client ids
 * @param connections its open WebSocket connections at that heartbeat
 */
public record ClusterNode(int number, long connections) {
}
