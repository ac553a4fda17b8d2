package dev.wsboot.broadcast;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wsboot.cluster.ClusterClientIds;
import dev.wsboot.cluster.ClusterMessage;
import dev.wsboot.cluster.ClusterMessage.Kind;
import dev.wsboot.cluster.WsBackplane;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsSessionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The {@link WsBroadcaster} of a cluster node: every call is served locally first, through the
 * {@link DefaultWsBroadcaster} of this node's clients (without waiting for the backplane), then
 * reaches the other nodes through a {@link WsBackplane} with one publish. A message from another
 * node arrives here and is delivered locally, encoded once for all of this node's receivers.
 * Publishing encodes the message before it returns, so a caller's array is not kept.
 *
 * <p>It joins the cluster before the WebSocket server starts and leaves it after the server has
 * closed its clients, so that their departures are published.
 */
public class ClusterWsBroadcaster implements WsBroadcaster, WsSessionListener, WsBackplane.LocalNode, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterWsBroadcaster.class);

	private final DefaultWsBroadcaster local;

	private final WsBackplane backplane;

	private final int node;

	private final RemoteRequests requests;

	private final AtomicBoolean deliveryFailureLogged = new AtomicBoolean();

	private volatile boolean running;

	public ClusterWsBroadcaster(DefaultWsBroadcaster local, WsBackplane backplane, Duration requestTimeout) {
		this.local = local;
		this.backplane = backplane;
		this.node = backplane.nodeNumber();
		this.requests = new RemoteRequests(requestTimeout);
	}

	private boolean isLocal(long clientId) {
		return ClusterClientIds.nodeOf(clientId) == this.node;
	}

	@Override
	public boolean send(long clientId, String text) {
		return isLocal(clientId) ? this.local.send(clientId, text) : this.backplane
			.publishIfConnected(ClusterMessage.send(this.node, clientId, false, ClusterMessage.utf8(text)));
	}

	@Override
	public boolean send(long clientId, byte[] data) {
		return isLocal(clientId) ? this.local.send(clientId, data)
				: this.backplane.publishIfConnected(ClusterMessage.send(this.node, clientId, true, data));
	}

	@Override
	public int sendAll(String text) {
		return andPublish(this.local.sendAll(text),
				ClusterMessage.broadcast(this.node, "", 0, false, ClusterMessage.utf8(text)));
	}

	@Override
	public int sendAll(byte[] data) {
		return andPublish(this.local.sendAll(data),
				ClusterMessage.broadcast(this.node, "", 0, true, data));
	}

	@Override
	public int sendAllExcept(long excludedClientId, String text) {
		return andPublish(this.local.sendAllExcept(excludedClientId, text),
				ClusterMessage.broadcast(this.node, "", excludedClientId, false, ClusterMessage.utf8(text)));
	}

	@Override
	public int sendToPath(String path, String text) {
		return andPublish(this.local.sendToPath(path, text),
				ClusterMessage.broadcast(this.node, path, 0, false, ClusterMessage.utf8(text)));
	}

	@Override
	public int sendToPath(String path, byte[] data) {
		return andPublish(this.local.sendToPath(path, data),
				ClusterMessage.broadcast(this.node, path, 0, true, data));
	}

	@Override
	public int sendToPathExcept(String path, long excludedClientId, String text) {
		return andPublish(this.local.sendToPathExcept(path, excludedClientId, text),
				ClusterMessage.broadcast(this.node, path, excludedClientId, false, ClusterMessage.utf8(text)));
	}

	/** The local deliveries of a send to many, after publishing it for the other nodes. */
	private int andPublish(int localDeliveries, ClusterMessage forOtherNodes) {
		this.backplane.publish(forOtherNodes);
		return localDeliveries;
	}

	@Override
	public boolean close(long clientId, int code, String reason) {
		return isLocal(clientId) ? this.local.close(clientId, code, reason)
				: this.backplane.publishIfConnected(ClusterMessage.close(this.node, clientId, code, reason));
	}

	@Override
	public boolean isConnected(long clientId) {
		return isLocal(clientId) ? this.local.isConnected(clientId) : this.backplane.isConnectedElsewhere(clientId);
	}

	@Override
	public Set<Long> connectedIds() {
		return this.local.connectedIds();
	}

	@Override
	public Set<Long> connectedIds(String path) {
		return this.local.connectedIds(path);
	}

	@Override
	public long connectionCount() {
		long count = this.local.connectionCount();
		for (var other : this.backplane.nodes()) {
			if (other.number() != this.node) {
				count += other.connections();
			}
		}
		return count;
	}

	@Override
	public Optional<WsSession> session(long clientId) {
		return this.local.session(clientId);
	}

	@Override
	public boolean join(String group, long clientId) {
		if (!isLocal(clientId)) {
			return "true".equals(ask(Kind.JOIN, clientId, group));
		}
		boolean joined = this.local.join(group, clientId);
		if (joined) {
			this.backplane.groupJoined(group, clientId, () -> {
			});
		}
		return joined;
	}

	@Override
	public boolean leave(String group, long clientId) {
		if (!isLocal(clientId)) {
			return "true".equals(ask(Kind.LEAVE, clientId, group));
		}
		boolean left = this.local.leave(group, clientId);
		if (left) {
			this.backplane.groupLeft(group, clientId, () -> {
			});
		}
		return left;
	}

	@Override
	public Set<String> groups() {
		Set<String> groups = new HashSet<>(this.local.groups());
		groups.addAll(this.backplane.remoteGroups());
		return Set.copyOf(groups);
	}

	@Override
	public Set<Long> members(String group) {
		Set<Long> members = new HashSet<>(this.local.members(group));
		members.addAll(this.backplane.remoteMembers(group));
		return Set.copyOf(members);
	}

	@Override
	public Set<String> groupsOf(long clientId) {
		if (isLocal(clientId)) {
			return this.local.groupsOf(clientId);
		}
		String reply = ask(Kind.GROUPS_OF, clientId, "");
		return (reply == null || reply.isEmpty()) ? Set.of() : Set.of(reply.split("\n"));
	}

	private @Nullable String ask(Kind kind, long clientId, String group) {
		if (!this.backplane.isConnectedElsewhere(clientId)) {
			return null;
		}
		return this.requests.ask((id) -> ClusterMessage.request(kind, this.node, clientId, group, id),
				this.backplane::publish);
	}

	@Override
	public int sendToGroup(String group, String text) {
		return andPublish(this.local.sendToGroup(group, text),
				ClusterMessage.group(this.node, group, 0, false, ClusterMessage.utf8(text)));
	}

	@Override
	public int sendToGroup(String group, byte[] data) {
		return andPublish(this.local.sendToGroup(group, data),
				ClusterMessage.group(this.node, group, 0, true, data));
	}

	@Override
	public int sendToGroupExcept(String group, long excludedClientId, String text) {
		return andPublish(this.local.sendToGroupExcept(group, excludedClientId, text),
				ClusterMessage.group(this.node, group, excludedClientId, false, ClusterMessage.utf8(text)));
	}

	@Override
	public int sendToUser(String name, String text) {
		return andPublish(this.local.sendToUser(name, text),
				ClusterMessage.user(this.node, name, false, ClusterMessage.utf8(text)));
	}

	@Override
	public int sendToUser(String name, byte[] data) {
		return andPublish(this.local.sendToUser(name, data), ClusterMessage.user(this.node, name, true, data));
	}

	@Override
	public void sessionOpened(WsSession session) {
		this.local.sessionOpened(session);
		this.backplane.clientConnected(session.id());
	}

	@Override
	public void sessionClosed(WsSession session, CloseStatus status) {
		Set<String> groups = this.local.groupsOf(session.id());
		this.local.sessionClosed(session, status);
		this.backplane.clientDisconnected(session.id(), groups);
	}

	/** A message from another node, on the backplane's receiving thread. */
	@Override
	public void receive(ClusterMessage message) {
		try {
			deliver(message);
		}
		catch (RuntimeException ex) {
			// One WARN, then DEBUG: a failure that repeats for every message must not flood the log.
			if (this.deliveryFailureLogged.compareAndSet(false, true)) {
				logger.warn("Could not deliver a " + message.kind() + " from node " + message.origin()
						+ " (later failures are logged at DEBUG)", ex);
			}
			else {
				logger.debug("Could not deliver a " + message.kind() + " from node " + message.origin(), ex);
			}
		}
	}

	private void deliver(ClusterMessage message) {
		long id = message.clientId();
		switch (message.kind()) {
			case BROADCAST -> broadcast(message);
			case GROUP -> {
				if (message.binary()) {
					this.local.sendToGroup(message.address(), message.payload());
				}
				else if (id != 0) {
					this.local.sendToGroupExcept(message.address(), id, message.text());
				}
				else {
					this.local.sendToGroup(message.address(), message.text());
				}
			}
			case SEND -> {
				if (message.binary()) {
					this.local.send(id, message.payload());
				}
				else {
					this.local.send(id, message.text());
				}
			}
			case CLOSE -> this.local.close(id, message.code(), message.text());
			case JOIN -> {
				if (this.local.join(message.address(), id)) {
					// The reply waits for the group's subscription: the asker may send to the group next.
					this.backplane.groupJoined(message.address(), id, () -> reply(message, "true"));
				}
				else {
					reply(message, "false");
				}
			}
			case LEAVE -> {
				if (this.local.leave(message.address(), id)) {
					this.backplane.groupLeft(message.address(), id, () -> reply(message, "true"));
				}
				else {
					reply(message, "false");
				}
			}
			case GROUPS_OF -> reply(message, String.join("\n", this.local.groupsOf(id)));
			case REPLY -> this.requests.answer(message);
			case USER -> {
				if (message.binary()) {
					this.local.sendToUser(message.address(), message.payload());
				}
				else {
					this.local.sendToUser(message.address(), message.text());
				}
			}
		}
	}

	private void broadcast(ClusterMessage message) {
		String path = message.address();
		long excluded = message.clientId();
		if (message.binary()) {
			if (path.isEmpty()) {
				this.local.sendAll(message.payload());
			}
			else {
				this.local.sendToPath(path, message.payload());
			}
			return;
		}
		String text = message.text();
		if (path.isEmpty()) {
			if (excluded != 0) {
				this.local.sendAllExcept(excluded, text);
			}
			else {
				this.local.sendAll(text);
			}
		}
		else if (excluded != 0) {
			this.local.sendToPathExcept(path, excluded, text);
		}
		else {
			this.local.sendToPath(path, text);
		}
	}

	private void reply(ClusterMessage request, String answer) {
		this.backplane.publish(request.reply(this.node, answer));
	}

	@Override
	public Set<Long> localClientIds() {
		return this.local.connectedIds();
	}

	@Override
	public Map<String, Set<Long>> localGroups() {
		return this.local.groupMembers();
	}

	@Override
	public boolean hasLocalMembers(String group) {
		return this.local.hasMembers(group);
	}

	@Override
	public long localConnectionCount() {
		return this.local.connectionCount();
	}

	@Override
	public void start() {
		this.backplane.start(this);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.backplane.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the server starts, after it stops. */
	@Override
	public int getPhase() {
		return WsServerLifecycle.PHASE - 1;
	}

}
