package dev.wsboot.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cluster's broadcaster needs from the system between nodes: a node number, publishing
 * to the nodes a message is for, and a directory of who is connected and in which group. Redis
 * pub/sub is the one built in ({@code RedisBackplane}); Redis Streams (resume after reconnect),
 * NATS or Hazelcast would be other implementations of this interface, and the broadcaster would
 * not change.
 *
 * <p>Delivery is at most once. Methods never wait for another node, only for the backplane
 * itself, and fail fast while it is unreachable ({@link #isAvailable()} false): publishing then
 * answers false and queries answer what is known locally. Thread-safe.
 */
public interface WsBackplane {

	/** This node's number, unique for the cluster's life; known before {@link #start(LocalNode)}. */
	int nodeNumber();

	/**
	 * Joins the cluster: heartbeats, subscriptions and this node's entries in the directory.
	 * @param node what this node has locally, asked for when the directory must be rebuilt
	 */
	void start(LocalNode node);

	/** Leaves the cluster at once: other nodes stop seeing this node and its clients. */
	void stop();

	/** Whether the backplane answered the last heartbeat in time. */
	boolean isAvailable();

	/** The live nodes, this one included while it is available. */
	List<ClusterNode> nodes();

	/**
	 * Publishes once, to the nodes that may have receivers: a broadcast to every node, a group
	 * message to nodes with members of the group, a reply to the node that asked, anything else to
	 * the node that owns {@code message.clientId()}.
	 * @return whether it was published (false while unavailable; counted as failed)
	 */
	boolean publish(ClusterMessage message);

	/**
	 * Publishes to the node that owns {@code message.clientId()} if the client is connected there,
	 * in one step, so the answer is exact at the moment of publishing.
	 * @return whether the client was connected and the message published
	 */
	boolean publishIfConnected(ClusterMessage message);

	/** Whether a client is connected to another live node. */
	boolean isConnectedElsewhere(long clientId);

	/** The members of a group on the other live nodes. */
	Set<Long> remoteMembers(String group);

	/** The groups with members on the other live nodes. */
	Set<String> remoteGroups();

	/** Records a client of this node, for the directory. */
	void clientConnected(long clientId);

	/** Forgets a client of this node, and its memberships. */
	void clientDisconnected(long clientId, Set<String> groups);

	/**
	 * Records a membership of a local client and, for the group's first local member, subscribes
	 * to the group's traffic. Runs after the directory changes that came before it.
	 * @param then runs once the subscription is in place (or failed), for a reply to wait on it
	 */
	void groupJoined(String group, long clientId, Runnable then);

	/** Forgets a membership and, once the group has no local member, unsubscribes. */
	void groupLeft(String group, long clientId, Runnable then);

	/** What a backplane asks of the node it serves. */
	interface LocalNode {

		/** Handles a message published by another node (or this one, on a shared channel). */
		void receive(ClusterMessage message);

		/** The ids of the local clients. */
		Set<Long> localClientIds();

		/** The local groups, each with its local members. */
		Map<String, Set<Long>> localGroups();

		/** Whether a group has local members. */
		boolean hasLocalMembers(String group);

		/** How many clients are connected locally, for the other nodes' view of this one. */
		long localConnectionCount();

	}

}
