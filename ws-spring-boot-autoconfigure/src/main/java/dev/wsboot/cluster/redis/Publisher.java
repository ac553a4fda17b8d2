package dev.wsboot.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.wsboot.cluster.ClusterClientIds;
import dev.wsboot.cluster.ClusterMessage;
import dev.wsboot.cluster.ClusterMessageCodec;
import dev.wsboot.cluster.ClusterStats;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Publishes cluster messages on the channel their kind names, on the caller's thread, and counts
 * each publish as done or failed. A failure is the {@link Availability}'s to report.
 */
final class Publisher {

	private final RedisTemplate<String, byte[]> bytes;

	private final RedisKeys keys;

	private final ClusterStats stats;

	private final Availability availability;

	Publisher(RedisConnectionFactory connectionFactory, RedisKeys keys, ClusterStats stats, Availability availability) {
		this.bytes = new RedisTemplate<>();
		this.bytes.setConnectionFactory(connectionFactory);
		this.bytes.setKeySerializer(RedisSerializer.string());
		this.bytes.setValueSerializer(RedisSerializer.byteArray());
		this.bytes.afterPropertiesSet();
		this.keys = keys;
		this.stats = stats;
		this.availability = availability;
	}

	/** @return whether Redis took the message */
	boolean publish(ClusterMessage message) {
		if (!this.availability.isAvailable()) {
			this.stats.publishFailed();
			return false;
		}
		try {
			this.bytes.convertAndSend(channel(message), ClusterMessageCodec.encode(message));
			this.stats.published();
			return true;
		}
		catch (DataAccessException ex) {
			this.availability.failed(ex);
			this.stats.publishFailed();
			return false;
		}
	}

	/**
	 * Publishes to the node that owns the message's client, in one script that first checks the
	 * client is still in that node's set.
	 * @return whether the owner had the client and Redis delivered to a subscriber
	 */
	boolean publishToOwner(ClusterMessage message, int owner) {
		if (!this.availability.isAvailable()) {
			this.stats.publishFailed();
			return false;
		}
		try {
			Long reached = this.bytes.execute(RedisScripts.PUBLISH_IF_CONNECTED,
					List.of(this.keys.clients(owner), this.keys.nodeChannel(owner)),
					String.valueOf(message.clientId()).getBytes(StandardCharsets.US_ASCII),
					ClusterMessageCodec.encode(message));
			if (reached != null && reached >= 0) {
				this.stats.published();
			}
			return reached != null && reached > 0;
		}
		catch (DataAccessException ex) {
			this.availability.failed(ex);
			this.stats.publishFailed();
			return false;
		}
	}

	private String channel(ClusterMessage message) {
		return switch (message.kind()) {
			// A user's sessions may be on any node, and no directory of users is kept: every node hears it.
			case BROADCAST, USER -> this.keys.broadcastChannel();
			case GROUP -> this.keys.groupChannel(message.address());
			case REPLY -> this.keys.nodeChannel(message.targetNode());
			default -> this.keys.nodeChannel(ClusterClientIds.nodeOf(message.clientId()));
		};
	}

}
