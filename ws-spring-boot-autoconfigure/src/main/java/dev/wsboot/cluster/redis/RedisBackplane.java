package dev.wsboot.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
import org.springframework.data.redis.core.StringRedisTemplate;

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

	private final RedisKeys keys;

	private final Duration heartbeatInterval;

	private final Duration nodeTimeout;

	private final ClusterStats stats;

	private final int nodeNumber;

	private final MessageListener listener = this::onMessage;

	private final ExecutorService receiver = DaemonThreads.single("ws-cluster-receive");

	private final ExecutorService directory = DaemonThreads.single("ws-cluster-directory");

	private final ScheduledExecutorService heartbeats = DaemonThreads.scheduled("ws-cluster-heartbeat");

	private @Nullable Subscriptions subscriptions;

	private @Nullable LocalNode node;

	private final NodeKeys ownKeys;

	private final Availability availability;

	private final DirectoryReader directoryReader;

	private final Publisher publisher;

	private volatile List<ClusterNode> nodes = List.of();

	/**
	 * Takes this node's number from Redis.
	 * @throws DataAccessException if Redis cannot be reached
	 * @throws IllegalStateException if the cluster has used up its node numbers
	 */
	public RedisBackplane(RedisConnectionFactory connectionFactory, String prefix, Duration heartbeatInterval,
			Duration nodeTimeout, ClusterStats stats) {
		this.connectionFactory = connectionFactory;
		this.strings = new StringRedisTemplate(connectionFactory);
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
		this.ownKeys = new NodeKeys(this.strings, this.keys, this.nodeNumber);
		this.availability = new Availability(heartbeatInterval, this.nodeNumber);
		this.directoryReader = new DirectoryReader(this.strings, this.keys, this.availability);
		this.publisher = new Publisher(connectionFactory, this.keys, stats, this.availability);
	}

	@Override
	public int nodeNumber() {
		return this.nodeNumber;
	}

	@Override
	public synchronized void start(LocalNode node) {
		this.node = node;
		Subscriptions subscriptions = new Subscriptions(this.connectionFactory, this.receiver, this.heartbeatInterval,
				this.listener, this.keys, this.nodeNumber);
		subscriptions.start();
		this.subscriptions = subscriptions;
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
		DaemonThreads.await(this.directory);
		Subscriptions subscriptions = this.subscriptions;
		if (subscriptions != null) {
			subscriptions.stop();
		}
		this.receiver.shutdown();
		leave();
	}

	/** Removes this node and its keys, so that the other nodes see it gone at once. */
	private void leave() {
		try {
			this.ownKeys.leave();
		}
		catch (DataAccessException ex) {
			logger.info("Could not remove node " + this.nodeNumber + " from Redis; the other nodes drop it after "
					+ "ws.cluster.node-timeout: " + ex.getMessage());
		}
	}

	@Override
	public boolean isAvailable() {
		return this.availability.isAvailable();
	}

	@Override
	public List<ClusterNode> nodes() {
		return isAvailable() ? this.nodes : List.of();
	}

	@Override
	public boolean publish(ClusterMessage message) {
		return this.publisher.publish(message);
	}

	@Override
	public boolean publishIfConnected(ClusterMessage message) {
		int owner = ClusterClientIds.nodeOf(message.clientId());
		return isLive(owner) && this.publisher.publishToOwner(message, owner);
	}

	@Override
	public boolean isConnectedElsewhere(long clientId) {
		int owner = ClusterClientIds.nodeOf(clientId);
		return isLive(owner) && this.directoryReader.isClientOf(owner, clientId);
	}

	@Override
	public Set<Long> remoteMembers(String group) {
		return this.directoryReader.members(otherNodes(), group);
	}

	@Override
	public Set<String> remoteGroups() {
		return this.directoryReader.groups(otherNodes());
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
		write(() -> this.ownKeys.addClient(clientId));
	}

	@Override
	public void clientDisconnected(long clientId, Set<String> groups) {
		write(() -> {
			this.ownKeys.removeClient(clientId);
			for (String group : groups) {
				forgetMember(group, clientId);
			}
		});
		for (String group : groups) {
			this.directory.execute(() -> reconcile(group));
		}
	}

	@Override
	public void groupJoined(String group, long clientId, Runnable then) {
		write(() -> this.ownKeys.addMember(group, clientId));
		afterReconcile(group, then);
	}

	@Override
	public void groupLeft(String group, long clientId, Runnable then) {
		write(() -> forgetMember(group, clientId));
		afterReconcile(group, then);
	}

	private void forgetMember(String group, long clientId) {
		this.ownKeys.removeMember(group, clientId, !localNode().hasLocalMembers(group));
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
					this.availability.skipped();
					return;
				}
				try {
					write.run();
				}
				catch (DataAccessException ex) {
					failed(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: leave() removes the keys anyway.
		}
	}

	/** Keeps a group's subscription while the group has local members; on the directory thread. */
	private void reconcile(String group) {
		Subscriptions subscriptions = this.subscriptions;
		if (subscriptions == null || !isAvailable()) {
			return; // while Redis is away, the rebuild after it returns reconciles every group
		}
		try {
			subscriptions.subscribe(group, localNode().hasLocalMembers(group));
		}
		catch (RuntimeException ex) {
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
			Heartbeat heartbeat = Heartbeat.parse(result);
			this.nodes = heartbeat.live();
			this.availability.beat();
			if (!heartbeat.removed().isEmpty()) {
				logger.info("WebSocket cluster nodes " + heartbeat.removed() + " sent no heartbeat for "
						+ this.nodeTimeout + " and were removed with their clients");
			}
			boolean skippedWrites = this.availability.takeRebuild();
			if (heartbeat.missing() || skippedWrites) {
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
			this.availability.skipped();
			return;
		}
		LocalNode node = localNode();
		try {
			Map<String, Set<Long>> groups = node.localGroups();
			this.ownKeys.rewrite(node.localClientIds(), groups);
			Set<String> all = new LinkedHashSet<>(groups.keySet());
			Subscriptions subscriptions = this.subscriptions;
			if (subscriptions != null) {
				all.addAll(subscriptions.groups());
			}
			all.forEach(this::reconcile);
		}
		catch (DataAccessException ex) {
			failed(ex);
		}
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

	private void failed(Exception ex) {
		this.availability.failed(ex);
	}

	private LocalNode localNode() {
		LocalNode node = this.node;
		if (node == null) {
			throw new IllegalStateException("The backplane was not started");
		}
		return node;
	}

}
