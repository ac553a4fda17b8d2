package dev.wsboot.broadcast;

import java.util.Optional;
import java.util.Set;

import dev.wsboot.engine.WsSession;

/**
 * Sends to connected clients by id, to everyone, to everyone on a path, or to a named group.
 * Thread-safe; callable from any bean at any time. Sends never block: each returns whether the
 * client was connected and accepted the message (false for a client that left, or one over its
 * outbound limit). A message to many clients is encoded once.
 *
 * <p>Groups are rooms: a client joins and leaves them by id, and leaves all of them when it
 * disconnects.
 */
public interface WsBroadcaster {

	/** @return whether the client was connected and the message queued */
	boolean send(long clientId, String text);

	/** @return whether the client was connected and the message queued */
	boolean send(long clientId, byte[] data);

	/** @return how many clients accepted the message */
	int sendAll(String text);

	/** @return how many clients accepted the message */
	int sendAll(byte[] data);

	/** Sends to everyone but one client, typically the sender. */
	int sendAllExcept(long excludedClientId, String text);

	/** Sends to the clients of one endpoint path. */
	int sendToPath(String path, String text);

	/** Sends to the clients of one endpoint path. */
	int sendToPath(String path, byte[] data);

	/** Sends to the clients of one endpoint path but one client, typically the sender. */
	int sendToPathExcept(String path, long excludedClientId, String text);

	/**
	 * Starts the close handshake with a client.
	 * @return whether the client was connected
	 */
	boolean close(long clientId, int code, String reason);

	boolean isConnected(long clientId);

	/** The ids of every connected client. */
	Set<Long> connectedIds();

	/** The ids of the clients connected to one path. */
	Set<Long> connectedIds(String path);

	Optional<WsSession> session(long clientId);

	/**
	 * Adds a connected client to a group, creating the group.
	 * @return whether the client is connected (a client that is not is not added)
	 */
	boolean join(String group, long clientId);

	/** @return whether the client was in the group */
	boolean leave(String group, long clientId);

	/** The names of the groups that have members; a group without members does not exist. */
	Set<String> groups();

	/** The ids of a group's members; empty for an unknown group. */
	Set<Long> members(String group);

	/** The groups a client is in. */
	Set<String> groupsOf(long clientId);

	/** @return how many members accepted the message */
	int sendToGroup(String group, String text);

	/** @return how many members accepted the message */
	int sendToGroup(String group, byte[] data);

	/** Sends to a group but one member, typically the sender. */
	int sendToGroupExcept(String group, long excludedClientId, String text);

}
