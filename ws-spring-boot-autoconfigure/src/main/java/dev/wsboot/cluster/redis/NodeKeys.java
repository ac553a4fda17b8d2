package dev.wsboot.cluster.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * This node's entries in the cluster's directory: the sets of its clients, of the groups it has
 * members of, and of its members of each. This node is their only writer, and writes them on one
 * thread; the other nodes only read them. Each call goes to Redis and may throw a
 * {@link org.springframework.dao.DataAccessException}.
 */
final class NodeKeys {

	private final StringRedisTemplate strings;

	private final RedisKeys keys;

	private final int node;

	NodeKeys(StringRedisTemplate strings, RedisKeys keys, int node) {
		this.strings = strings;
		this.keys = keys;
		this.node = node;
	}

	void addClient(long clientId) {
		this.strings.opsForSet().add(this.keys.clients(this.node), String.valueOf(clientId));
	}

	void removeClient(long clientId) {
		this.strings.opsForSet().remove(this.keys.clients(this.node), String.valueOf(clientId));
	}

	void addMember(String group, long clientId) {
		this.strings.opsForSet().add(this.keys.group(this.node, group), String.valueOf(clientId));
		this.strings.opsForSet().add(this.keys.groups(this.node), group);
	}

	/** @param lastLocalMember whether the group has no member on this node any more */
	void removeMember(String group, long clientId, boolean lastLocalMember) {
		this.strings.opsForSet().remove(this.keys.group(this.node, group), String.valueOf(clientId));
		if (lastLocalMember) {
			this.strings.opsForSet().remove(this.keys.groups(this.node), group);
		}
	}

	/** Replaces every entry with this node's local state, after Redis lost them or writes were skipped. */
	void rewrite(Set<Long> clients, Map<String, Set<Long>> groups) {
		deleteAll();
		if (!clients.isEmpty()) {
			this.strings.opsForSet().add(this.keys.clients(this.node), strings(clients));
		}
		for (Map.Entry<String, Set<Long>> group : groups.entrySet()) {
			this.strings.opsForSet().add(this.keys.group(this.node, group.getKey()), strings(group.getValue()));
			this.strings.opsForSet().add(this.keys.groups(this.node), group.getKey());
		}
	}

	/** Removes this node from the live nodes and its entries, so the other nodes see it gone at once. */
	void leave() {
		this.strings.opsForZSet().remove(this.keys.nodes(), String.valueOf(this.node));
		this.strings.opsForHash().delete(this.keys.connections(), String.valueOf(this.node));
		deleteAll();
	}

	private void deleteAll() {
		Set<String> groups = this.strings.opsForSet().members(this.keys.groups(this.node));
		List<String> doomed = new ArrayList<>();
		if (groups != null) {
			groups.forEach((group) -> doomed.add(this.keys.group(this.node, group)));
		}
		doomed.add(this.keys.groups(this.node));
		doomed.add(this.keys.clients(this.node));
		this.strings.delete(doomed);
	}

	private static String[] strings(Set<Long> ids) {
		return ids.stream().map(String::valueOf).toArray(String[]::new);
	}

}
