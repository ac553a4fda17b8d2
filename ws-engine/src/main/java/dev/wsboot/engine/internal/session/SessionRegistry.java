package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsSessionListener;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The open sessions, by id and by path, and the connection limit. Thread-safe.
 */
final class SessionRegistry {

	/** Ids are unique for the life of the process, across servers: a send to a client that left never reaches a newcomer. */
	private static final AtomicLong processIds = new AtomicLong();

	/** The default source of client ids: one counter for every server in the process. */
	static final LongSupplier PROCESS_IDS = processIds::incrementAndGet;

	private final LongSupplier ids;

	private final int maxConnections;

	private final AddressLimit perAddress;

	private final AtomicInteger reserved = new AtomicInteger();

	private final Map<Long, DefaultWsSession> byId = new ConcurrentHashMap<>();

	private final Map<String, Map<Long, DefaultWsSession>> byPath = new ConcurrentHashMap<>();

	private final List<WsSessionListener> listeners;

	SessionRegistry(LimitsConfig limits, Collection<String> paths, List<WsSessionListener> listeners) {
		this(limits, 0, paths, listeners, PROCESS_IDS);
	}

	/**
	 * @param maxPerAddress connections allowed from one remote address; 0 for no limit
	 * @param ids where client ids come from
	 */
	SessionRegistry(LimitsConfig limits, int maxPerAddress, Collection<String> paths, List<WsSessionListener> listeners,
			LongSupplier ids) {
		this.ids = ids;
		this.maxConnections = limits.maxConnections();
		this.perAddress = new AddressLimit(maxPerAddress);
		this.listeners = List.copyOf(listeners);
		for (String path : paths) {
			this.byPath.put(path, new ConcurrentHashMap<>());
		}
	}

	long nextId() {
		return this.ids.getAsLong();
	}

	/** Why a connection slot could not be reserved. */
	enum Refusal {

		NONE, SERVER_FULL, ADDRESS_FULL

	}

	/**
	 * Takes a connection slot for a handshake in progress, if one is free on the server and for
	 * the remote address; give it back with {@link #release(InetAddress)}.
	 * @param address the client's address, or null if unknown (then only the server limit holds)
	 */
	Refusal tryReserve(@Nullable InetAddress address) {
		while (true) {
			int current = this.reserved.get();
			if (current >= this.maxConnections) {
				return Refusal.SERVER_FULL;
			}
			if (this.reserved.compareAndSet(current, current + 1)) {
				break;
			}
		}
		if (!this.perAddress.tryAcquire(address)) {
			this.reserved.decrementAndGet();
			return Refusal.ADDRESS_FULL;
		}
		return Refusal.NONE;
	}

	void release(@Nullable InetAddress address) {
		this.perAddress.release(address);
		this.reserved.decrementAndGet();
	}

	void add(DefaultWsSession session) {
		// One boxed key for both maps: an idle connection's memory counts every object.
		Long id = session.id();
		this.byId.put(id, session);
		this.byPath.get(session.path()).put(id, session);
		for (WsSessionListener listener : this.listeners) {
			listener.sessionOpened(session);
		}
	}

	void remove(DefaultWsSession session, CloseStatus status) {
		this.byId.remove(session.id());
		this.byPath.get(session.path()).remove(session.id());
		for (WsSessionListener listener : this.listeners) {
			listener.sessionClosed(session, status);
		}
	}

	DefaultWsSession get(long id) {
		return this.byId.get(id);
	}

	Collection<WsSession> all() {
		return Collections.unmodifiableCollection(this.byId.values());
	}

	Collection<WsSession> onPath(String path) {
		Map<Long, DefaultWsSession> sessions = this.byPath.get(path);
		return (sessions != null) ? Collections.unmodifiableCollection(sessions.values()) : List.of();
	}

	int count() {
		return this.byId.size();
	}

	int count(String path) {
		Map<Long, DefaultWsSession> sessions = this.byPath.get(path);
		return (sessions != null) ? sessions.size() : 0;
	}

	List<DefaultWsSession> snapshot() {
		return new ArrayList<>(this.byId.values());
	}

}
