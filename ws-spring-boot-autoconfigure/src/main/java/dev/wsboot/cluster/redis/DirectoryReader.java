package dev.wsboot.cluster.redis;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads the other nodes' entries in the cluster's directory: whether a client is one of a node's,
 * and the members and groups of a set of nodes, each in one Redis call. While Redis is away it
 * answers at once with nothing, and a failed call marks the outage.
 */
final class DirectoryReader {

	private final StringRedisTemplate strings;

	private final RedisKeys keys;

	private final Availability availability;

	DirectoryReader(StringRedisTemplate strings, RedisKeys keys, Availability availability) {
		this.strings = strings;
		this.keys = keys;
		this.availability = availability;
	}

	boolean isClientOf(int node, long clientId) {
		if (!this.availability.isAvailable()) {
			return false;
		}
		try {
			return Boolean.TRUE.equals(this.strings.opsForSet().isMember(this.keys.clients(node), String.valueOf(clientId)));
		}
		catch (DataAccessException ex) {
			this.availability.failed(ex);
			return false;
		}
	}

	Set<Long> members(List<Integer> nodes, String group) {
		List<String> sets = nodes.stream().map((node) -> this.keys.group(node, group)).toList();
		return union(sets).stream().map(Long::valueOf).collect(Collectors.toUnmodifiableSet());
	}

	Set<String> groups(List<Integer> nodes) {
		return union(nodes.stream().map(this.keys::groups).toList());
	}

	private Set<String> union(List<String> sets) {
		if (sets.isEmpty() || !this.availability.isAvailable()) {
			return Set.of();
		}
		try {
			Set<String> union = this.strings.opsForSet().union(sets);
			return (union != null) ? union : Set.of();
		}
		catch (DataAccessException ex) {
			this.availability.failed(ex);
			return Set.of();
		}
	}

}
