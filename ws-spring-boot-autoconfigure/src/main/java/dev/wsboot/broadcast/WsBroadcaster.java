package dev.wsboot.broadcast;

import java.util.Optional;
import java.util.Set;

import dev.wsboot.engine.WsSession;

/**
 * Sends to connected clients by id, to everyone, to everyone on a path, or to a named group.
 * Thread-safe; callable from any bean at any time. Sends never block on a client: each returns
 * whether the client was connected and accepted the message (false for a client that left, or one
 * over its outbound limit). A message to many clients is encoded once.
 *
 * <p>Groups are rooms: a client joins and leaves them by id, and leaves all of them when it
 * disconnects.
 *
 * <p>With {@code ws.cluster.enabled=true} the same calls reach every node (see docs/cluster.md):
 * each method's documentation says which answers are cluster-wide. Then delivery to other nodes is
 * at most once; a send to many clients returns how many clients <em>of this node</em> accepted it
 * (those of other nodes are reached through the backplane without an answer); messages from one
 * node to one client keep their order, messages from different nodes have no order between them.
 */
public interface WsBroadcaster {

	/**
	 * Cluster-wide: a client of another node is sent to through its node only.
	 * @return whether the client was connected and the message queued (for a client of another
	 * node: connected there and the message published to its node)
	 */
	boolean send(long clientId, String text);

	/** As {@link #send(long, String)}, binary. */
	boolean send(long clientId, byte[] data);

	/**
	 * Cluster-wide, one publish for all other nodes.
	 * @return how many clients of this node accepted the message
	 */
	int sendAll(String text);

	/** As {@link #sendAll(String)}, binary. */
	int sendAll(byte[] data);

	/** Sends to everyone but one client, typically the sender; cluster-wide, as {@link #sendAll(String)}. */
	int sendAllExcept(long excludedClientId, String text);

	/** Sends to the clients of one endpoint path; cluster-wide, as {@link #sendAll(String)}. */
	int sendToPath(String path, String text);

	/** As {@link #sendToPath(String, String)}, binary. */
	int sendToPath(String path, byte[] data);

	/** Sends to the clients of one endpoint path but one client, typically the sender; cluster-wide. */
	int sendToPathExcept(String path, long excludedClientId, String text);

	/**
	 * Starts the close handshake with a client; cluster-wide, as {@link #send(long, String)}.
	 * @return whether the client was connected
	 */
	boolean close(long clientId, int code, String reason);

	/** Cluster-wide: whether the client is connected to any live node. */
	boolean isConnected(long clientId);

	/** The ids of every client connected to this node (local, also in a cluster: see {@link #connectionCount()}). */
	Set<Long> connectedIds();

	/** The ids of the clients connected to one path of this node (local). */
	Set<Long> connectedIds(String path);

	/**
	 * Cluster-wide: the connections of every live node, each other node's as of its last heartbeat
	 * ({@code ws.cluster.heartbeat-interval}), this node's exact.
	 */
	long connectionCount();

	/** A client of this node (local: another node's session is not an object here). */
	Optional<WsSession> session(long clientId);

	/**
	 * Adds a connected client to a group, creating the group. Cluster-wide: for a client of another
	 * node, waits (at most {@code ws.cluster.request-timeout}) until its node has added it and
	 * receives the group's traffic, so a group send after this call reaches it.
	 * @return whether the client is connected (a client that is not is not added)
	 */
	boolean join(String group, long clientId);

	/**
	 * Cluster-wide, waiting for the client's node as {@link #join(String, long)} does.
	 * @return whether the client was in the group
	 */
	boolean leave(String group, long clientId);

	/** Cluster-wide: the groups that have members on any node; a group without members does not exist. */
	Set<String> groups();

	/** Cluster-wide: the ids of a group's members on every live node; empty for an unknown group. */
	Set<Long> members(String group);

	/** Cluster-wide: the groups a client is in, asked of its node for a client of another node. */
	Set<String> groupsOf(long clientId);

	/**
	 * Cluster-wide: one publish, received only by nodes with members of the group.
	 * @return how many members of this node accepted the message
	 */
	int sendToGroup(String group, String text);

	/** As {@link #sendToGroup(String, String)}, binary. */
	int sendToGroup(String group, byte[] data);

	/** Sends to a group but one member, typically the sender; cluster-wide. */
	int sendToGroupExcept(String group, long excludedClientId, String text);

	/**
	 * Sends to every session of one user: those whose {@link WsSession#principal()} has this name
	 * (with Spring Security, {@code Authentication.getName()}). Cluster-wide, one publish for all
	 * other nodes, as {@link #sendAll(String)}.
	 * @return how many sessions of this node accepted the message
	 */
	int sendToUser(String name, String text);

	/** As {@link #sendToUser(String, String)}, binary. */
	int sendToUser(String name, byte[] data);

}
