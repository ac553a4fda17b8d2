package dev.wsboot.cluster.redis;

/**
 * The names of the backplane's keys and channels, all under one prefix so that several
 * applications can share a Redis. A node writes only its own {@code node:<n>:*} keys; the
 * heartbeat script removes those of a node that stopped beating.
 */
record RedisKeys(String prefix) {

	/** INCR gives each starting node its number. */
	String sequence() {
		return this.prefix + ":node-sequence";
	}

	/** Sorted set of live node numbers, scored by their last heartbeat (Redis server time, ms). */
	String nodes() {
		return this.prefix + ":nodes";
	}

	/** Hash of node number to its connection count at its last heartbeat. */
	String connections() {
		return this.prefix + ":node-connections";
	}

	/** The base of a node's own keys, as the heartbeat script builds them too. */
	String node(int node) {
		return this.prefix + ":node:" + node;
	}

	/** Set of a node's client ids. */
	String clients(int node) {
		return node(node) + ":clients";
	}

	/** Set of the groups a node has members of. */
	String groups(int node) {
		return node(node) + ":groups";
	}

	/** Set of a node's members of one group. */
	String group(int node, String group) {
		return node(node) + ":group:" + group;
	}

	/** Every node subscribes to broadcasts. */
	String broadcastChannel() {
		return this.prefix + ":all";
	}

	/** Messages for one node's clients, and replies to its requests. */
	String nodeChannel(int node) {
		return this.prefix + ":to-node:" + node;
	}

	/** A group's traffic; subscribed by a node while it has members of the group. */
	String groupChannel(String group) {
		return this.prefix + ":to-group:" + group;
	}

}
