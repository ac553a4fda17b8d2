package dev.wsboot.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.wsboot.cluster.ClusterClientIds;
import dev.wsboot.cluster.ClusterMessage;
import dev.wsboot.cluster.ClusterMessage.Kind;
import dev.wsboot.cluster.ClusterMessageCodec;
import dev.wsboot.cluster.ClusterNode;
import dev.wsboot.cluster.ClusterStats;
import dev.wsboot.cluster.WsBackplane;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The {@link WsBackplane} on Redis pub/sub, through Spring Data Redis and the application's
 * {@link RedisConnectionFactory}.
 *
 * <p>Channels: one every node subscribes to (broadcasts), one per node (its clients' messages and
 * replies to its requests) and one per group, subscribed while the node has members of it, so a
 * group's traffic reaches only the nodes that have its members. Keys: each node keeps the sets of
 * its clients and memberships under its own number and is their only writer; a heartbeat script
 * keeps the sorted set of live nodes and removes a silent node with its keys.
 *
 * <p>Threads, each the only one doing its job: the receiver delivers messages in the order Redis
 * sent them (so one node's messages to one client keep their order); the directory thread writes
 * this node's keys and changes its group subscriptions, in order; the heartbeat thread beats. A
 * caller's publish or query goes to Redis on the caller's thread.
 */
public final class RedisBackplane implements WsBackplane {

	private static final Log logger = LogFactory.getLog(RedisBackplane.class);

	private final RedisConnectionFactory connectionFactory;

	private final StringRedisTemplate strings;

	private final RedisTemplate<String, byte[]> bytes;

	private final RedisKeys keys;

	private final Duration heartbeatInterval;

	private final Duration nodeTimeout;

	private final ClusterStats stats;

	private final int nodeNumber;

	private final MessageListener listener = this::onMessage;

	private final ExecutorService receiver = Executors.newSingleThreadExecutor(threads("ws-cluster-receive"));

	private final ExecutorService directory = Executors.newSingleThreadExecutor(threads("ws-cluster-directory"));

	private final ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor(threads("ws-cluster-heartbeat"));

	/** The groups whose channel this node subscribes to; the directory thread's alone. */
	private final Set<String> subscribedGroups = new HashSet<>();

	private @Nullable RedisMessageListenerContainer container;

	private @Nullable LocalNode node;

	private volatile List<ClusterNode> nodes = List.of();

	private volatile long lastBeatNanos;

	/** Whether the last call to Redis failed; true until the first heartbeat. */
	private volatile boolean failed = true;

	/** Whether the failure was logged; one WARN per outage. */
	private volatile boolean outageLogged;

	/** Whether writes to this node's keys were skipped, so the keys must be written again. */
	private volatile boolean rebuild;

	/**
	 * Takes this node's number from Redis.
	 * @throws DataAccessException if Redis cannot be reached
	 * @throws IllegalStateException if the cluster has used up its node numbers
	 */
	public RedisBackplane(RedisConnectionFactory connectionFactory, String prefix, Duration heartbeatInterval,
			Duration nodeTimeout, ClusterStats stats) {
		this.connectionFactory = connectionFactory;
		this.strings = new StringRedisTemplate(connectionFactory);
		this.bytes = new RedisTemplate<>();
		this.bytes.setConnectionFactory(connectionFactory);
		this.bytes.setKeySerializer(RedisSerializer.string());
		this.bytes.setValueSerializer(RedisSerializer.byteArray());
		this.bytes.afterPropertiesSet();
		this.keys = new RedisKeys(prefix);
		this.heartbeatInterval = heartbeatInterval;
		this.nodeTimeout = nodeTimeout;
		this.stats = stats;
		Long number = this.strings.opsForValue().increment(this.keys.sequence());
		if (number == null || number > ClusterClientIds.MAX_NODE_NUMBER) {
			throw new IllegalStateException("Redis key '" + this.keys.sequence() + "' is at " + number
					+ ", past the " + ClusterClientIds.MAX_NODE_NUMBER + " node numbers that client ids can carry; "
					+ "with every node stopped, delete it or choose another ws.cluster.channel-prefix");
		}
		this.nodeNumber = number.intValue();
	}

	@Override
	public int nodeNumber() {
		return this.nodeNumber;
	}

	@Override
	public synchronized void start(LocalNode node) {
		this.node = node;
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.connectionFactory);
		// One thread: messages are handled in the order Redis delivered them.
		container.setTaskExecutor(this.receiver);
		container.setRecoveryInterval(this.heartbeatInterval.toMillis());
		container.addMessageListener(this.listener, List.of(new ChannelTopic(this.keys.broadcastChannel()),
				new ChannelTopic(this.keys.nodeChannel(this.nodeNumber))));
		container.afterPropertiesSet();
		container.start();
		this.container = container;
		beat();
		long interval = this.heartbeatInterval.toMillis();
		this.heartbeats.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
		logger.info("WebSocket cluster: this is node " + this.nodeNumber + " of " + this.nodes.size()
				+ " (Redis prefix '" + this.keys.prefix() + "')");
	}

	@Override
	public synchronized void stop() {
		this.heartbeats.shutdownNow();
		this.directory.shutdown();
		await(this.directory);
		RedisMessageListenerContainer container = this.container;
		if (container != null) {
			container.stop();
			try {
				container.destroy();
			}
			catch (Exception ex) {
				logger.debug("Could not close the subscription", ex);
			}
		}
		this.receiver.shutdown();
		leave();
	}

	/** Removes this node and its keys, so that the other nodes see it gone at once. */
	private void leave() {
		try {
			this.strings.opsForZSet().remove(this.keys.nodes(), String.valueOf(this.nodeNumber));
			this.strings.opsForHash().delete(this.keys.connections(), String.valueOf(this.nodeNumber));
			deleteOwnKeys();
		}
		catch (DataAccessException ex) {
			logger.info("Could not remove node " + this.nodeNumber + " from Redis; the other nodes drop it after "
					+ "ws.cluster.node-timeout: " + ex.getMessage());
		}
	}

	@Override
	public boolean isAvailable() {
		return !this.failed && System.nanoTime() - this.lastBeatNanos < 2 * this.heartbeatInterval.toNanos();
	}

	@Override
	public List<ClusterNode> nodes() {
		return isAvailable() ? this.nodes : List.of();
	}

	@Override
	public boolean publish(ClusterMessage message) {
		if (!isAvailable()) {
			this.stats.publishFailed();
			return false;
		}
		try {
			this.bytes.convertAndSend(channel(message), ClusterMessageCodec.encode(message));
			this.stats.published();
			return true;
		}
		catch (DataAccessException ex) {
			failed(ex);
			this.stats.publishFailed();
			return false;
		}
	}

	@Override
	public boolean publishIfConnected(ClusterMessage message) {
		int owner = ClusterClientIds.nodeOf(message.clientId());
		if (!isLive(owner)) {
			return false;
		}
		if (!isAvailable()) {
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
			failed(ex);
			this.stats.publishFailed();
			return false;
		}
	}

	@Override
	public boolean isConnectedElsewhere(long clientId) {
		int owner = ClusterClientIds.nodeOf(clientId);
		if (!isLive(owner) || !isAvailable()) {
			return false;
		}
		try {
			return Boolean.TRUE.equals(this.strings.opsForSet().isMember(this.keys.clients(owner), String.valueOf(clientId)));
		}
		catch (DataAccessException ex) {
			failed(ex);
			return false;
		}
	}

	@Override
	public Set<Long> remoteMembers(String group) {
		List<String> sets = otherNodes().stream().map((node) -> this.keys.group(node, group)).toList();
		return union(sets).stream().map(Long::valueOf).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public Set<String> remoteGroups() {
		return union(otherNodes().stream().map(this.keys::groups).toList());
	}

	private Set<String> union(List<String> sets) {
		if (sets.isEmpty() || !isAvailable()) {
			return Set.of();
		}
		try {
			Set<String> union = this.strings.opsForSet().union(sets);
			return (union != null) ? union : Set.of();
		}
		catch (DataAccessException ex) {
			failed(ex);
			return Set.of();
		}
	}

	private List<Integer> otherNodes() {
		return nodes().stream().map(ClusterNode::number).filter((number) -> number != this.nodeNumber).toList();
	}

	private boolean isLive(int node) {
		for (ClusterNode live : this.nodes) {
			if (live.number() == node) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void clientConnected(long clientId) {
		write(() -> this.strings.opsForSet().add(this.keys.clients(this.nodeNumber), String.valueOf(clientId)));
	}

	@Override
	public void clientDisconnected(long clientId, Set<String> groups) {
		write(() -> {
			String id = String.valueOf(clientId);
			this.strings.opsForSet().remove(this.keys.clients(this.nodeNumber), id);
			for (String group : groups) {
				forgetMember(group, id);
			}
		});
		for (String group : groups) {
			this.directory.execute(() -> reconcile(group));
		}
	}

	@Override
	public void groupJoined(String group, long clientId, Runnable then) {
		write(() -> {
			this.strings.opsForSet().add(this.keys.group(this.nodeNumber, group), String.valueOf(clientId));
			this.strings.opsForSet().add(this.keys.groups(this.nodeNumber), group);
		});
		afterReconcile(group, then);
	}

	@Override
	public void groupLeft(String group, long clientId, Runnable then) {
		write(() -> forgetMember(group, String.valueOf(clientId)));
		afterReconcile(group, then);
	}

	private void forgetMember(String group, String id) {
		this.strings.opsForSet().remove(this.keys.group(this.nodeNumber, group), id);
		if (!localNode().hasLocalMembers(group)) {
			this.strings.opsForSet().remove(this.keys.groups(this.nodeNumber), group);
		}
	}

	private void afterReconcile(String group, Runnable then) {
		try {
			this.directory.execute(() -> {
				try {
					reconcile(group);
				}
				finally {
					then.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			then.run(); // stopping
		}
	}

	/** Queues a write to this node's keys; while Redis is away, skips it and rewrites all keys later. */
	private void write(Runnable write) {
		try {
			this.directory.execute(() -> {
				if (!isAvailable()) {
					this.rebuild = true;
					return;
				}
				try {
					write.run();
				}
				catch (DataAccessException ex) {
					this.rebuild = true;
					failed(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: leave() removes the keys anyway.
		}
	}

	/**
	 * Subscribes to a group's channel while the group has local members, and unsubscribes once
	 * it has none. On the directory thread; the container's subscribe waits for Redis to confirm,
	 * so a reply queued after this one goes out only once the group's traffic reaches this node.
	 */
	private void reconcile(String group) {
		boolean wanted = localNode().hasLocalMembers(group);
		boolean subscribed = this.subscribedGroups.contains(group);
		RedisMessageListenerContainer container = this.container;
		if (wanted == subscribed || container == null || !isAvailable()) {
			return; // while Redis is away, the rebuild after it returns reconciles every group
		}
		ChannelTopic topic = new ChannelTopic(this.keys.groupChannel(group));
		try {
			if (wanted) {
				container.addMessageListener(this.listener, topic);
				this.subscribedGroups.add(group);
			}
			else {
				container.removeMessageListener(this.listener, topic);
				this.subscribedGroups.remove(group);
			}
		}
		catch (RuntimeException ex) {
			this.rebuild = true;
			failed(ex);
		}
	}

	private void beat() {
		LocalNode node = localNode();
		try {
			List<?> result = this.strings.execute(RedisScripts.HEARTBEAT,
					List.of(this.keys.nodes(), this.keys.sequence(), this.keys.connections()),
					String.valueOf(this.nodeNumber), String.valueOf(this.nodeTimeout.toMillis()),
					String.valueOf(node.localConnectionCount()), this.keys.prefix());
			List<ClusterNode> live = new ArrayList<>();
			List<String> removed = new ArrayList<>();
			boolean missing = false;
			for (Object item : (result != null) ? result : List.of()) {
				String entry = String.valueOf(item);
				if (entry.startsWith("l:")) {
					String[] parts = entry.split(":");
					live.add(new ClusterNode(Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
				}
				else if (entry.startsWith("d:")) {
					removed.add(entry.substring(2));
				}
				else {
					missing = "1".equals(entry);
				}
			}
			this.nodes = List.copyOf(live);
			this.lastBeatNanos = System.nanoTime();
			this.failed = false;
			if (this.outageLogged) {
				this.outageLogged = false;
				logger.warn("Redis reachable again: WebSocket cluster traffic resumed on node " + this.nodeNumber);
			}
			if (!removed.isEmpty()) {
				logger.info("WebSocket cluster nodes " + removed + " sent no heartbeat for " + this.nodeTimeout
						+ " and were removed with their clients");
			}
			if (missing || this.rebuild) {
				this.rebuild = false;
				this.directory.execute(this::rebuildDirectory);
			}
		}
		catch (RuntimeException ex) {
			failed(ex); // a DataAccessException, or a reply this node cannot parse
		}
	}

	/** Writes this node's keys from its local state, after Redis lost them or writes were skipped. */
	private void rebuildDirectory() {
		if (!isAvailable()) {
			this.rebuild = true;
			return;
		}
		LocalNode node = localNode();
		try {
			deleteOwnKeys();
			Set<Long> ids = node.localClientIds();
			if (!ids.isEmpty()) {
				this.strings.opsForSet().add(this.keys.clients(this.nodeNumber), strings(ids));
			}
			Map<String, Set<Long>> groups = node.localGroups();
			for (Map.Entry<String, Set<Long>> group : groups.entrySet()) {
				this.strings.opsForSet().add(this.keys.group(this.nodeNumber, group.getKey()), strings(group.getValue()));
				this.strings.opsForSet().add(this.keys.groups(this.nodeNumber), group.getKey());
			}
			Set<String> all = new LinkedHashSet<>(groups.keySet());
			all.addAll(this.subscribedGroups);
			all.forEach(this::reconcile);
		}
		catch (DataAccessException ex) {
			this.rebuild = true;
			failed(ex);
		}
	}

	private void deleteOwnKeys() {
		Set<String> groups = this.strings.opsForSet().members(this.keys.groups(this.nodeNumber));
		List<String> doomed = new ArrayList<>();
		if (groups != null) {
			groups.forEach((group) -> doomed.add(this.keys.group(this.nodeNumber, group)));
		}
		doomed.add(this.keys.groups(this.nodeNumber));
		doomed.add(this.keys.clients(this.nodeNumber));
		this.strings.delete(doomed);
	}

	private static String[] strings(Set<Long> ids) {
		return ids.stream().map(String::valueOf).toArray(String[]::new);
	}

	private void onMessage(Message message, byte @Nullable [] pattern) {
		ClusterMessage decoded;
		try {
			decoded = ClusterMessageCodec.decode(message.getBody());
		}
		catch (IllegalArgumentException ex) {
			if (this.stats.unreadableCount() == 0) {
				logger.warn("Unreadable message on Redis channel '"
						+ new String(message.getChannel(), StandardCharsets.UTF_8) + "' ignored (counted in "
						+ "ws.cluster.messages.unreadable; this is the only such line): " + ex.getMessage());
			}
			this.stats.unreadable();
			return;
		}
		// Broadcast and group channels echo this node's own messages, which it delivered locally.
		if (decoded.origin() == this.nodeNumber
				&& (decoded.kind() == Kind.BROADCAST || decoded.kind() == Kind.GROUP || decoded.kind() == Kind.USER)) {
			return;
		}
		this.stats.received(decoded.publishedMicros());
		localNode().receive(decoded);
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

	private void failed(Exception ex) {
		this.failed = true;
		this.rebuild = true;
		if (!this.outageLogged) {
			this.outageLogged = true;
			logger.warn("Redis unreachable (" + ex.getMessage() + "): node " + this.nodeNumber
					+ " delivers to its own clients only, and counts what it cannot publish in "
					+ "ws.cluster.publish.failed, until Redis answers again");
		}
	}

	private LocalNode localNode() {
		LocalNode node = this.node;
		if (node == null) {
			throw new IllegalStateException("The backplane was not started");
		}
		return node;
	}

	private static void await(ExecutorService executor) {
		try {
			executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadFactory threads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
