package dev.wsboot.broadcast;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsSessionListener;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsBroadcaster} over the running engine. It keeps group membership and the sessions
 * of each authenticated user, and drops a client from both when its session closes (it listens to
 * the engine's sessions).
 */
public class DefaultWsBroadcaster implements WsBroadcaster, WsSessionListener {

	private final Supplier<@Nullable WsServer> server;

	private final Map<String, Set<Long>> groups = new ConcurrentHashMap<>();

	private final Map<Long, Set<String>> groupsByClient = new ConcurrentHashMap<>();

	/** The ids of the sessions of each authenticated user, by principal name. */
	private final Map<String, Set<Long>> sessionsByUser = new ConcurrentHashMap<>();

	/**
	 * @param server the running server, or null while it is not running (sends then return false)
	 */
	public DefaultWsBroadcaster(Supplier<@Nullable WsServer> server) {
		this.server = server;
	}

	@Override
	public boolean send(long clientId, String text) {
		WsSession session = find(clientId);
		return session != null && session.sendText(text);
	}

	@Override
	public boolean send(long clientId, byte[] data) {
		WsSession session = find(clientId);
		return session != null && session.sendBinary(data);
	}

	@Override
	public int sendAll(String text) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(server.sessions(), text) : 0;
	}

	@Override
	public int sendAll(byte[] data) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(server.sessions(), data) : 0;
	}

	@Override
	public int sendAllExcept(long excludedClientId, String text) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(except(server.sessions(), excludedClientId), text) : 0;
	}

	@Override
	public int sendToPath(String path, String text) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(server.sessions(path), text) : 0;
	}

	@Override
	public int sendToPath(String path, byte[] data) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(server.sessions(path), data) : 0;
	}

	@Override
	public int sendToPathExcept(String path, long excludedClientId, String text) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(except(server.sessions(path), excludedClientId), text) : 0;
	}

	@Override
	public boolean close(long clientId, int code, String reason) {
		WsSession session = find(clientId);
		if (session == null) {
			return false;
		}
		session.close(code, reason);
		return true;
	}

	@Override
	public boolean isConnected(long clientId) {
		return find(clientId) != null;
	}

	@Override
	public Set<Long> connectedIds() {
		WsServer server = this.server.get();
		return (server != null) ? ids(server.sessions()) : Set.of();
	}

	@Override
	public Set<Long> connectedIds(String path) {
		WsServer server = this.server.get();
		return (server != null) ? ids(server.sessions(path)) : Set.of();
	}

	@Override
	public Optional<WsSession> session(long clientId) {
		return Optional.ofNullable(find(clientId));
	}

	@Override
	public boolean join(String group, long clientId) {
		if (find(clientId) == null) {
			return false;
		}
		// compute() runs atomically per key, so a join never adds to a group that a concurrent
		// leave is removing for being empty.
		this.groups.compute(group, (name, members) -> add(members, clientId));
		this.groupsByClient.compute(clientId, (id, memberships) -> add(memberships, group));
		// The client may have left between the check and the join; its close already ran, so undo.
		if (find(clientId) == null) {
			forget(clientId);
			return false;
		}
		return true;
	}

	@Override
	public boolean leave(String group, long clientId) {
		this.groupsByClient.computeIfPresent(clientId, (id, memberships) -> remove(memberships, group));
		boolean[] removed = new boolean[1];
		this.groups.computeIfPresent(group, (name, members) -> {
			removed[0] = members.remove(clientId);
			return members.isEmpty() ? null : members;
		});
		return removed[0];
	}

	@Override
	public Set<String> groups() {
		return Set.copyOf(this.groups.keySet());
	}

	@Override
	public Set<Long> members(String group) {
		Set<Long> members = this.groups.get(group);
		return (members != null) ? Set.copyOf(members) : Set.of();
	}

	@Override
	public Set<String> groupsOf(long clientId) {
		Set<String> memberships = this.groupsByClient.get(clientId);
		return (memberships != null) ? Set.copyOf(memberships) : Set.of();
	}

	@Override
	public int sendToGroup(String group, String text) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(groupSessions(server, group, -1), text) : 0;
	}

	@Override
	public int sendToGroup(String group, byte[] data) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(groupSessions(server, group, -1), data) : 0;
	}

	@Override
	public int sendToGroupExcept(String group, long excludedClientId, String text) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(groupSessions(server, group, excludedClientId), text) : 0;
	}

	@Override
	public int sendToUser(String name, String text) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(sessions(server, this.sessionsByUser.get(name), -1), text) : 0;
	}

	@Override
	public int sendToUser(String name, byte[] data) {
		WsServer server = this.server.get();
		return (server != null) ? server.broadcast(sessions(server, this.sessionsByUser.get(name), -1), data) : 0;
	}

	@Override
	public long connectionCount() {
		WsServer server = this.server.get();
		return (server != null) ? server.activeConnections() : 0;
	}

	/** Whether a group has members; cheaper than {@code !members(group).isEmpty()}. */
	public boolean hasMembers(String group) {
		return this.groups.containsKey(group);
	}

	/** A copy of every group with its members. */
	public Map<String, Set<Long>> groupMembers() {
		Map<String, Set<Long>> copy = new HashMap<>();
		this.groups.forEach((group, members) -> copy.put(group, Set.copyOf(members)));
		return copy;
	}

	@Override
	public void sessionOpened(WsSession session) {
		Principal principal = session.principal();
		if (principal != null) {
			this.sessionsByUser.compute(principal.getName(), (name, ids) -> add(ids, session.id()));
		}
	}

	@Override
	public void sessionClosed(WsSession session, CloseStatus status) {
		forget(session.id());
		Principal principal = session.principal();
		if (principal != null) {
			this.sessionsByUser.computeIfPresent(principal.getName(), (name, ids) -> remove(ids, session.id()));
		}
	}

	private void forget(long clientId) {
		Set<String> memberships = this.groupsByClient.remove(clientId);
		if (memberships != null) {
			for (String group : memberships) {
				this.groups.computeIfPresent(group, (name, members) -> remove(members, clientId));
			}
		}
	}

	/** Adds to a set that may not exist yet; called inside compute(). */
	private static <T> Set<T> add(Set<T> set, T element) {
		Set<T> result = (set != null) ? set : ConcurrentHashMap.newKeySet();
		result.add(element);
		return result;
	}

	/** Removes from a set, dropping it when empty so that groups nobody is in take no memory. */
	private static <T> @Nullable Set<T> remove(Set<T> set, T element) {
		set.remove(element);
		return set.isEmpty() ? null : set;
	}

	private @Nullable WsSession find(long clientId) {
		WsServer server = this.server.get();
		return (server != null) ? server.session(clientId).orElse(null) : null;
	}

	private List<WsSession> groupSessions(WsServer server, String group, long excludedClientId) {
		return sessions(server, this.groups.get(group), excludedClientId);
	}

	private static List<WsSession> sessions(WsServer server, @Nullable Set<Long> members, long excludedClientId) {
		if (members == null) {
			return List.of();
		}
		List<WsSession> sessions = new ArrayList<>(members.size());
		for (Long id : members) {
			if (id != excludedClientId) {
				server.session(id).ifPresent(sessions::add);
			}
		}
		return sessions;
	}

	private static List<WsSession> except(Collection<WsSession> sessions, long excludedClientId) {
		return sessions.stream().filter((session) -> session.id() != excludedClientId).toList();
	}

	private static Set<Long> ids(Collection<WsSession> sessions) {
		return sessions.stream().map(WsSession::id).collect(Collectors.toUnmodifiableSet());
	}

}
