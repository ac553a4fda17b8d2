package dev.wsboot.cluster.redis;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The backplane's server-side scripts. Each runs atomically in Redis, which is what makes a
 * heartbeat's expiry of dead nodes happen once and a conditional send exact.
 */
final class RedisScripts {

	/**
	 * Records this node's heartbeat at Redis's own clock (so nodes' clocks need not agree), keeps
	 * the node sequence at least at this node's number (a Redis restarted without persistence
	 * would otherwise hand it out again), removes nodes whose last heartbeat is older than the
	 * timeout together with their keys, and lists the live nodes.
	 * KEYS: nodes, sequence, connections. ARGV: node, timeout ms, connection count, key prefix.
	 * Returns "1" or "0" (whether this node was missing, so its keys must be written again),
	 * then "d:N" per node removed and "l:N:C" per live node with its connection count.
	 */
	static final RedisScript<List> HEARTBEAT = RedisScript.of("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local result = { tostring(redis.call('ZADD', KEYS[1], now, ARGV[1])) }
			if tonumber(redis.call('GET', KEYS[2]) or '0') < tonumber(ARGV[1]) then
			  redis.call('SET', KEYS[2], ARGV[1])
			end
			redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
			for _, d in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))) do
			  redis.call('ZREM', KEYS[1], d)
			  redis.call('HDEL', KEYS[3], d)
			  local node = ARGV[4] .. ':node:' .. d
			  for _, g in ipairs(redis.call('SMEMBERS', node .. ':groups')) do
			    redis.call('DEL', node .. ':group:' .. g)
			  end
			  redis.call('DEL', node .. ':groups', node .. ':clients')
			  table.insert(result, 'd:' .. d)
			end
			for _, n in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
			  table.insert(result, 'l:' .. n .. ':' .. (redis.call('HGET', KEYS[3], n) or '0'))
			end
			return result
			""", List.class);

	/**
	 * Publishes to a client's node only if the client is in that node's set of clients.
	 * KEYS: the node's clients, the node's channel. ARGV: client id, message.
	 * Returns -1 when the client is not there, else the number of subscribers reached.
	 */
	static final RedisScript<Long> PUBLISH_IF_CONNECTED = RedisScript.of("""
			if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
			  return redis.call('PUBLISH', KEYS[2], ARGV[2])
			end
			return -1
			""", Long.class);

	private RedisScripts() {
	}

}
