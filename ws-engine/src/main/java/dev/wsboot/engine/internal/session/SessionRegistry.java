package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsSessionListener;

import java.net.InetAddress;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The open sessions, by path and within a path by id, and the connection limit. Thread-safe.
 *
 * <p>Each session is one entry in its path's map, not a second one in a map of all sessions: a
 * server has few paths and many idle sessions, so a lookup by id asks each path's map instead.
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

	/** Fixed at construction: every served path has its map, open sessions or not. */
	private final Map<String, Map<Long, DefaultWsSession>> byPath;

	private final Collection<WsSession> all = new AllSessions();

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
		Map<String, Map<Long, DefaultWsSession>> byPath = new LinkedHashMap<>();
		for (String path : paths) {
			byPath.put(path, new ConcurrentHashMap<>());
		}
		this.byPath = Collections.unmodifiableMap(byPath);
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
		this.byPath.get(session.path()).put(session.id(), session);
		for (WsSessionListener listener : this.listeners) {
			listener.sessionOpened(session);
		}
	}

	void remove(DefaultWsSession session, CloseStatus status) {
		this.byPath.get(session.path()).remove(session.id());
		for (WsSessionListener listener : this.listeners) {
			listener.sessionClosed(session, status);
		}
	}

	@Nullable DefaultWsSession get(long id) {
		Long key = id;
		for (Map<Long, DefaultWsSession> sessions : this.byPath.values()) {
			DefaultWsSession session = sessions.get(key);
			if (session != null) {
				return session;
			}
		}
		return null;
	}

	/** Every open session, a live view. */
	Collection<WsSession> all() {
		return this.all;
	}

	Collection<WsSession> onPath(String path) {
		Map<Long, DefaultWsSession> sessions = this.byPath.get(path);
		return (sessions != null) ? Collections.unmodifiableCollection(sessions.values()) : List.of();
	}

	int count() {
		int count = 0;
		for (Map<Long, DefaultWsSession> sessions : this.byPath.values()) {
			count += sessions.size();
		}
		return count;
	}

	int count(String path) {
		Map<Long, DefaultWsSession> sessions = this.byPath.get(path);
		return (sessions != null) ? sessions.size() : 0;
	}

	List<DefaultWsSession> snapshot() {
		List<DefaultWsSession> snapshot = new ArrayList<>();
		for (Map<Long, DefaultWsSession> sessions : this.byPath.values()) {
			snapshot.addAll(sessions.values());
		}
		return snapshot;
	}

	/** The sessions of every path, one path after another, read-only. */
	private final class AllSessions extends AbstractCollection<WsSession> {

		@Override
		public Iterator<WsSession> iterator() {
			Iterator<Map<Long, DefaultWsSession>> paths = SessionRegistry.this.byPath.values().iterator();
			return new Iterator<>() {

				private Iterator<DefaultWsSession> current = Collections.emptyIterator();

				@Override
				public boolean hasNext() {
					while (!this.current.hasNext() && paths.hasNext()) {
						this.current = paths.next().values().iterator();
					}
					return this.current.hasNext();
				}

				@Override
				public WsSession next() {
					if (!hasNext()) {
						throw new NoSuchElementException();
					}
					return this.current.next();
				}

			};
		}

		@Override
		public int size() {
			return count();
		}

		@Override
		public boolean isEmpty() {
			return count() == 0;
		}

	}

}
