package dev.wsboot.engine.internal.session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.HandlerConfig;
import dev.wsboot.engine.NetworkConfig;
import dev.wsboot.engine.PathStats;
import dev.wsboot.engine.ServerStats;
import dev.wsboot.engine.TimeoutConfig;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsHandlerExecutors;
import dev.wsboot.engine.WsSessionListener;
import dev.wsboot.engine.WsText;
import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.internal.protocol.ZlibPool;
import dev.wsboot.engine.internal.transport.Acceptor;
import dev.wsboot.engine.internal.transport.IoLoop;
import dev.wsboot.engine.internal.transport.TransportFactory;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code WsServer} runs: the endpoint table, the session registry, the selector loops and
 * the acceptor, built once and started once. The public {@code WsServer} is its facade.
 */
public final class ServerCore {

	private static final System.Logger logger = System.getLogger("dev.wsboot.engine.WsServer");

	private static final int BACKLOG = 1024;

	private final WsServerConfig config;

	private final EndpointTable endpoints;

	private final ServerCounters stats = new ServerCounters();

	private final SessionRegistry sessions;

	private final ServerRuntime runtime;

	private final ExecutorService ownedExecutor;

	private IoLoop[] loops;

	private Acceptor acceptor;

	/**
	 * @param executor the handler executor, or null for one of our own that stops with the server
	 * @param clientIds where client ids come from, or null for the process-wide counter
	 * @throws IllegalArgumentException if the endpoints cannot share their paths
	 */
	public ServerCore(WsServerConfig config, Collection<WsEndpoint> endpoints, List<WsHandshakeInterceptor> interceptors,
			List<WsSessionListener> listeners, Executor executor, @Nullable LongSupplier clientIds) {
		this.config = config;
		this.endpoints = new EndpointTable(endpoints);
		this.sessions = new SessionRegistry(config.limits(), config.protection().maxConnectionsPerAddress(),
				this.endpoints.paths(), listeners,
				(clientIds != null) ? clientIds : SessionRegistry.PROCESS_IDS);
		this.ownedExecutor = (executor == null) ? defaultExecutor(config.handlers()) : null;
		Executor handlerExecutor = (executor != null) ? executor : this.ownedExecutor;
		HandshakeProcessor handshakes = new HandshakeProcessor(this.endpoints,
				new OriginMatcher(config.network().allowedOrigins()), interceptors, this.sessions,
				config.handlers().onIoThread() ? null : handlerExecutor);
		// Idle codecs kept for compressed connections: enough for every I/O thread and a few
		// handler threads compressing at once; beyond that, codecs are ended when given back.
		ZlibPool zlib = new ZlibPool(Math.max(8, 2 * config.network().ioThreads()), config.compression());
		this.runtime = new ServerRuntime(config, handshakes, this.sessions, this.stats, handlerExecutor, zlib);
	}

	/**
	 * Binds the port and starts the loops.
	 * @param tls creates the engine of each new TLS connection, or null for plain connections
	 * @param tlsPacketSize the largest TLS record, which sizes the read buffers; 0 without TLS
	 */
	public void start(Supplier<SSLEngine> tls, int tlsPacketSize) throws IOException {
		NetworkConfig network = this.config.network();
		long tick = tickNanos(this.config.timeouts());
		// A TLS server's read buffer holds the plaintext of a read's records plus one more record.
		int bufferSize = Math.max(network.readBufferSize(), 2 * tlsPacketSize);
		IoLoop[] loops = new IoLoop[network.ioThreads()];
		for (int i = 0; i < loops.length; i++) {
			loops[i] = new IoLoop("ws-io-" + i, bufferSize, tick);
		}
		// Each I/O thread keeps its own list of pending upgrades, so joining and leaving need no lock;
		// the limit is shared. Built before the threads start, read only by them.
		Map<IoLoop, PendingHandshakes> pending = new IdentityHashMap<>();
		for (IoLoop loop : loops) {
			pending.put(loop, new PendingHandshakes(this.stats.pendingHandshakeCount(),
					this.config.protection().maxPendingHandshakes(), loop::execute));
		}
		PendingHandshakes.ring(Arrays.stream(loops).map(pending::get).toList());
		TransportFactory transports = (tls != null) ? TransportFactory.tls(tls) : TransportFactory.PLAIN;
		InetSocketAddress address = (network.host() != null) ? new InetSocketAddress(network.host(), network.port())
				: new InetSocketAddress(network.port());
		this.acceptor = new Acceptor(address, BACKLOG, loops, transports,
				(connection) -> new UpgradeHandler(this.runtime, connection, pending.get(connection.loop())));
		this.loops = loops;
		for (IoLoop loop : loops) {
			loop.start();
		}
		this.acceptor.start();
		logger.log(Level.INFO, () -> "WebSocket server started on port " + port() + ((tls != null) ? " (TLS)" : "")
				+ " with endpoints " + this.endpoints.paths() + " and " + loops.length + " I/O threads");
	}

	/**
	 * Deadlines are checked on a tick a quarter of the shortest timeout, between 10 ms and 1 s, so a
	 * timeout fires at most 25% late and idle servers wake rarely.
	 */
	private static long tickNanos(TimeoutConfig timeouts) {
		long shortest = Long.MAX_VALUE;
		for (Duration timeout : List.of(timeouts.handshakeTimeout(), timeouts.idleTimeout(), timeouts.closeTimeout(),
				timeouts.pingInterval(), timeouts.pongTimeout())) {
			if (!timeout.isZero()) {
				shortest = Math.min(shortest, timeout.toNanos());
			}
		}
		return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), shortest / 4));
	}

	/**
	 * Stops accepting, sends close 1001 to every client, waits for their close frames up to the
	 * grace period, then closes what is left. Returns when every I/O thread ended.
	 * @return how many sessions did not close within the grace period and were dropped
	 */
	public int stop(Duration gracePeriod) {
		this.acceptor.close();
		for (DefaultWsSession session : this.sessions.snapshot()) {
			session.close(CloseStatus.GOING_AWAY, "Server shutting down", CloseCategory.GOING_AWAY);
		}
		long deadline = System.nanoTime() + gracePeriod.toNanos();
		int dropped = 0;
		try {
			dropped = awaitNoSessions(deadline);
			for (IoLoop loop : this.loops) {
				if (!loop.shutdown(5, TimeUnit.SECONDS)) {
					logger.log(Level.WARNING, "I/O thread did not end within 5 seconds");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.ownedExecutor != null) {
			this.ownedExecutor.shutdown();
		}
		this.runtime.zlib().close();
		int droppedSessions = dropped;
		logger.log(Level.DEBUG, () -> "WebSocket server stopped" + ((droppedSessions > 0)
				? "; " + droppedSessions + " sessions did not close within " + gracePeriod + " and were dropped" : ""));
		return dropped;
	}

	/** @return the sessions still open at the deadline */
	private int awaitNoSessions(long deadline) {
		// The sessions close on the I/O threads; poll their count, which drops as close frames return.
		while (this.sessions.count() > 0 && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		return this.sessions.count();
	}

	/** The bound port; -1 before {@link #start}. */
	public int port() {
		return (this.acceptor != null) ? this.acceptor.port() : -1;
	}

	public Collection<WsEndpoint> endpoints() {
		return this.endpoints.endpoints();
	}

	/** The open session with this id, or null. */
	public WsSession session(long id) {
		return this.sessions.get(id);
	}

	/** The open sessions; a live view. */
	public Collection<WsSession> sessions() {
		return this.sessions.all();
	}

	/** The open sessions of one path; a live view. */
	public Collection<WsSession> sessions(String path) {
		return this.sessions.onPath(path);
	}

	public int activeConnections() {
		return this.sessions.count();
	}

	public int activeConnections(String path) {
		return this.sessions.count(path);
	}

	public ZlibPool zlib() {
		return this.runtime.zlib();
	}

	public ServerStats stats() {
		return this.stats;
	}

	/** The counters of a path, or null if no endpoint serves it. */
	public PathStats stats(String path) {
		return this.endpoints.counters(path);
	}

	/**
	 * Sends one message to many sessions, encoding the frame once: once uncompressed, and once
	 * compressed for all the sessions that agreed on permessage-deflate without server context
	 * takeover; sessions with context takeover compress it each in their own context.
	 * @param otherSend how to send to a session that is not ours
	 * @return how many sessions accepted it
	 */
	public int broadcast(Iterable<? extends WsSession> sessions, String text, Predicate<WsSession> otherSend) {
		return broadcast(sessions, new BroadcastMessage(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8),
				this.runtime.zlib()), otherSend);
	}

	public int broadcast(Iterable<? extends WsSession> sessions, WsText text, Predicate<WsSession> otherSend) {
		return broadcast(sessions, BroadcastMessage.text(text, this.runtime.zlib()), otherSend);
	}

	public int broadcast(Iterable<? extends WsSession> sessions, byte[] data, Predicate<WsSession> otherSend) {
		return broadcast(sessions, new BroadcastMessage(Opcode.BINARY, data, this.runtime.zlib()), otherSend);
	}

	private int broadcast(Iterable<? extends WsSession> sessions, BroadcastMessage message,
			Predicate<WsSession> otherSend) {
		int accepted = 0;
		for (WsSession session : sessions) {
			boolean sent = (session instanceof DefaultWsSession ours) ? ours.send(message) : otherSend.test(session);
			if (sent) {
				accepted++;
			}
		}
		return accepted;
	}

	/**
	 * Virtual threads where the JVM has them (Java 21+), found by reflection because we compile for
	 * 17; else our pool of at most {@link HandlerConfig#threads()} platform threads, which bounds
	 * the threads a burst of slow handlers can take.
	 */
	private static ExecutorService defaultExecutor(HandlerConfig handlers) {
		try {
			Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
			return (ExecutorService) factory.invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			return WsHandlerExecutors.newPlatformPool(handlers.threads(), "ws-handler-");
		}
	}

}
