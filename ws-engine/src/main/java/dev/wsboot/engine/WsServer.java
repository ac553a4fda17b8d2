package dev.wsboot.engine;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;

import dev.wsboot.engine.protocol.CloseCodes;
import dev.wsboot.engine.protocol.Opcode;
import dev.wsboot.engine.protocol.ZlibPool;
import dev.wsboot.engine.transport.Acceptor;
import dev.wsboot.engine.transport.IoLoop;
import dev.wsboot.engine.transport.TransportFactory;

/**
 * A WebSocket server: endpoints by path, served by a few selector threads.
 *
 * <pre>{@code
 * WsServer server = WsServer.builder()
 *     .config(WsServerConfig.DEFAULT.toBuilder().port(8085).build())
 *     .endpoint("/echo", new WsHandler() {
 *         public void onText(WsSession session, String text) { session.sendText(text); }
 *     })
 *     .build();
 * server.start();
 * }</pre>
 *
 * <p>{@link #start()} and {@link #stop(Duration)} are called by one thread; everything else is safe
 * from any thread.
 */
public final class WsServer {

	private static final System.Logger logger = System.getLogger(WsServer.class.getName());

	private static final int BACKLOG = 1024;

	private final WsServerConfig config;

	private final Map<String, WsEndpoint> endpoints;

	private final Map<String, EndpointStats> endpointStats;

	private final ServerStats stats = new ServerStats();

	private final SessionRegistry sessions;

	private final ServerRuntime runtime;

	private final ExecutorService ownedExecutor;

	/** TLS for connections accepted from now on; null for a plain server. */
	private volatile TlsSettings tls;

	private IoLoop[] loops;

	private Acceptor acceptor;

	private volatile boolean running;

	private boolean stopped;

	private WsServer(Builder builder) {
		this.config = builder.config;
		this.tls = builder.tls;
		this.endpoints = Map.copyOf(builder.endpoints);
		Map<String, EndpointStats> stats = new LinkedHashMap<>();
		builder.endpoints.keySet().forEach((path) -> stats.put(path, new EndpointStats(path)));
		this.endpointStats = Map.copyOf(stats);
		this.sessions = new SessionRegistry(this.config.maxConnections(), this.endpoints.keySet(), builder.listeners);
		this.ownedExecutor = (builder.executor == null) ? defaultExecutor(this.config) : null;
		Executor executor = (builder.executor != null) ? builder.executor : this.ownedExecutor;
		HandshakeProcessor handshakes = new HandshakeProcessor(this.endpoints, this.endpointStats,
				new OriginMatcher(this.config.allowedOrigins()), builder.interceptors);
		// Idle codecs kept for compressed connections: enough for every I/O thread and a few
		// handler threads compressing at once; beyond that, codecs are ended when given back.
		ZlibPool zlib = new ZlibPool(Math.max(8, 2 * this.config.ioThreads()), this.config.compressionLevel());
		this.runtime = new ServerRuntime(this.config, handshakes, this.sessions, this.stats, executor, zlib);
		handshakes.attach(this.runtime);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Binds the port and starts serving. A server runs once: after {@link #stop(Duration)}, build a
	 * new one.
	 * @throws IOException if the port cannot be bound (a {@link java.net.BindException} when it is in use)
	 * @throws IllegalStateException if the server was stopped
	 */
	public synchronized void start() throws IOException {
		if (this.running) {
			return;
		}
		if (this.stopped) {
			// Its executor and codec pool were released by stop(); a fresh server is cheap to build.
			throw new IllegalStateException("A stopped WsServer cannot be started again; build a new one");
		}
		long tick = tickNanos(this.config);
		TlsSettings tls = this.tls;
		// A TLS server's read buffer holds the plaintext of a read's records plus one more record.
		int bufferSize = (tls != null) ? Math.max(this.config.readBufferSize(), 2 * tls.packetBufferSize())
				: this.config.readBufferSize();
		IoLoop[] loops = new IoLoop[this.config.ioThreads()];
		for (int i = 0; i < loops.length; i++) {
			loops[i] = new IoLoop("ws-io-" + i, bufferSize, tick);
		}
		TransportFactory transports = (tls != null) ? TransportFactory.tls(() -> this.tls.createEngine())
				: TransportFactory.PLAIN;
		InetSocketAddress address = (this.config.host() != null) ? new InetSocketAddress(this.config.host(), this.config.port())
				: new InetSocketAddress(this.config.port());
		this.acceptor = new Acceptor(address, BACKLOG, loops, transports,
				(connection) -> new WebSocketConnection(this.runtime, connection));
		this.loops = loops;
		for (IoLoop loop : loops) {
			loop.start();
		}
		this.acceptor.start();
		this.running = true;
		logger.log(Level.INFO, () -> "WebSocket server started on port " + port() + ((tls != null) ? " (TLS)" : "")
				+ " with endpoints "
				+ this.endpoints.keySet() + " and " + loops.length + " I/O threads");
	}

	/**
	 * Deadlines are checked on a tick a quarter of the shortest timeout, between 10 ms and 1 s, so a
	 * timeout fires at most 25% late and idle servers wake rarely.
	 */
	private static long tickNanos(WsServerConfig config) {
		long shortest = Long.MAX_VALUE;
		for (Duration timeout : List.of(config.handshakeTimeout(), config.idleTimeout(), config.closeTimeout(),
				config.pingInterval(), config.pongTimeout())) {
			if (!timeout.isZero()) {
				shortest = Math.min(shortest, timeout.toNanos());
			}
		}
		return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), shortest / 4));
	}

	/**
	 * Stops the server: stops accepting, sends close 1001 to every client, waits for their close
	 * frames up to the grace period, then closes what is left. Returns when every I/O thread ended.
	 * @return how many sessions did not close within the grace period and were dropped
	 */
	public synchronized int stop(Duration gracePeriod) {
		if (!this.running) {
			return 0;
		}
		this.running = false;
		this.stopped = true;
		this.acceptor.close();
		for (DefaultWsSession session : this.sessions.snapshot()) {
			session.closeOnLoop(CloseCodes.GOING_AWAY, "Server shutting down", CloseCategory.GOING_AWAY);
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

	public boolean isRunning() {
		return this.running;
	}

	/** Whether clients connect with TLS (wss://). */
	public boolean isSecure() {
		return this.tls != null;
	}

	/**
	 * Replaces the TLS settings, for example with a renewed certificate: connections accepted from
	 * now on use them, open ones keep theirs. Safe from any thread.
	 * @throws IllegalStateException if the server was built without TLS
	 */
	public void updateTls(TlsSettings tls) {
		Objects.requireNonNull(tls, "tls must not be null");
		if (this.tls == null) {
			throw new IllegalStateException("The server was built without TLS; it cannot switch to it");
		}
		this.tls = tls;
		logger.log(Level.INFO, "WebSocket server TLS settings updated for new connections");
	}

	/** The bound port; -1 before {@link #start()}. */
	public int port() {
		return (this.acceptor != null) ? this.acceptor.port() : -1;
	}

	public WsServerConfig config() {
		return this.config;
	}

	public Collection<WsEndpoint> endpoints() {
		return this.endpoints.values();
	}

	/** The open session with this id, or null if it is not connected. */
	public WsSession session(long id) {
		return this.sessions.get(id);
	}

	/** The open sessions; a live view. */
	public Collection<WsSession> sessions() {
		return this.sessions.all();
	}

	/** The open sessions of one endpoint; a live view. */
	public Collection<WsSession> sessions(String path) {
		return this.sessions.onPath(path);
	}

	public int activeConnections() {
		return this.sessions.count();
	}

	public int activeConnections(String path) {
		return this.sessions.count(path);
	}

	/** The zlib codecs lent to compressed connections: tests count them. */
	ZlibPool zlib() {
		return this.runtime.zlib();
	}

	public ServerStats stats() {
		return this.stats;
	}

	public EndpointStats stats(String path) {
		return this.endpointStats.get(path);
	}

	/**
	 * Sends one text message to many sessions, encoding the frame once: once uncompressed, and once
	 * compressed for all the sessions that agreed on permessage-deflate without server context
	 * takeover; sessions with context takeover compress it each in their own context.
	 * @return how many sessions accepted it
	 */
	public int broadcast(Iterable<? extends WsSession> sessions, String text) {
		BroadcastMessage message = new BroadcastMessage(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8),
				this.runtime.zlib());
		return broadcast(sessions, message, (session) -> session.sendText(text));
	}

	/** Sends one binary message to many sessions, encoding the frame once, as text is. */
	public int broadcast(Iterable<? extends WsSession> sessions, byte[] data) {
		BroadcastMessage message = new BroadcastMessage(Opcode.BINARY, data, this.runtime.zlib());
		return broadcast(sessions, message, (session) -> session.sendBinary(data));
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
	 * 17; else a fixed pool, which bounds the threads a burst of slow handlers can take.
	 */
	private static ExecutorService defaultExecutor(WsServerConfig config) {
		try {
			Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
			return (ExecutorService) factory.invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
			AtomicInteger count = new AtomicInteger();
			ThreadFactory threadFactory = (task) -> {
				Thread thread = new Thread(task, "ws-handler-" + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			};
			return Executors.newFixedThreadPool(threads, threadFactory);
		}
	}

	/** Collects endpoints, interceptors and settings for a {@link WsServer}. */
	public static final class Builder {

		private WsServerConfig config = WsServerConfig.DEFAULT;

		private final Map<String, WsEndpoint> endpoints = new LinkedHashMap<>();

		private final List<WsHandshakeInterceptor> interceptors = new ArrayList<>();

		private final List<WsSessionListener> listeners = new ArrayList<>();

		private Executor executor;

		private TlsSettings tls;

		private Builder() {
		}

		/** Serves wss:// with this context's key material and its default protocols and cipher suites. */
		public Builder sslContext(SSLContext context) {
			return tls(TlsSettings.of(context));
		}

		/** Serves wss:// with these settings; without them the server is plain ws://. */
		public Builder tls(TlsSettings tls) {
			this.tls = tls;
			return this;
		}

		/** Adds a listener to every session's open and close. */
		public Builder sessionListener(WsSessionListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
			return this;
		}

		public Builder config(WsServerConfig config) {
			this.config = Objects.requireNonNull(config, "config must not be null");
			return this;
		}

		public Builder endpoint(String path, WsHandler handler) {
			return endpoint(WsEndpoint.of(path, handler));
		}

		/** @throws IllegalArgumentException if another endpoint has the same path */
		public Builder endpoint(WsEndpoint endpoint) {
			if (this.endpoints.putIfAbsent(endpoint.path(), endpoint) != null) {
				throw new IllegalArgumentException("Two endpoints on path " + endpoint.path());
			}
			return this;
		}

		/** Adds an interceptor; they run in the order added. */
		public Builder interceptor(WsHandshakeInterceptor interceptor) {
			this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
			return this;
		}

		/**
		 * The executor for handler code and interceptors; by default virtual threads where the JVM
		 * has them, else a fixed pool, shut down with the server. One given here is not shut down.
		 */
		public Builder executor(Executor executor) {
			this.executor = executor;
			return this;
		}

		public WsServer build() {
			return new WsServer(this);
		}

	}

}
