package dev.wsboot.cluster.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This node's subscriptions, on Spring Data Redis's listener container: the broadcast and node
 * channels for its whole life, and each group's channel while the group has local members.
 * Lettuce resubscribes them by itself after a reconnect. Group changes come from one thread.
 */
final class Subscriptions {

	private static final Log logger = LogFactory.getLog(RedisBackplane.class);

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final MessageListener listener;

	private final RedisKeys keys;

	/** The groups whose channel this node subscribes to; the directory thread's alone. */
	private final Set<String> groups = new HashSet<>();

	/**
	 * @param receiver runs the listener; one thread, so messages are handled in the order Redis
	 * delivered them
	 */
	Subscriptions(RedisConnectionFactory connectionFactory, Executor receiver, Duration recoveryInterval,
			MessageListener listener, RedisKeys keys, int node) {
		this.listener = listener;
		this.keys = keys;
		this.container.setConnectionFactory(connectionFactory);
		this.container.setTaskExecutor(receiver);
		this.container.setRecoveryInterval(recoveryInterval.toMillis());
		this.container.addMessageListener(listener,
				List.of(new ChannelTopic(keys.broadcastChannel()), new ChannelTopic(keys.nodeChannel(node))));
	}

	void start() {
		this.container.afterPropertiesSet();
		this.container.start();
	}

	void stop() {
		this.container.stop();
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Could not close the subscription", ex);
		}
	}

	Set<String> groups() {
		return Set.copyOf(this.groups);
	}

	/**
	 * Subscribes to or unsubscribes from a group's channel. The container's subscribe waits for
	 * Redis to confirm, so what the caller does next happens once the group's traffic reaches this
	 * node.
	 * @throws RuntimeException when Redis does not answer
	 */
	void subscribe(String group, boolean wanted) {
		if (wanted == this.groups.contains(group)) {
			return;
		}
		ChannelTopic topic = new ChannelTopic(this.keys.groupChannel(group));
		if (wanted) {
			this.container.addMessageListener(this.listener, topic);
			this.groups.add(group);
		}
		else {
			this.container.removeMessageListener(this.listener, topic);
			this.groups.remove(group);
		}
	}

}
