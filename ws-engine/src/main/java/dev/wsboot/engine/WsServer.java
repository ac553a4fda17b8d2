package dev.wsboot.engine;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;

import dev.wsboot.engine.internal.protocol.ZlibPool;
import dev.wsboot.engine.internal.session.EndpointTable;
import dev.wsboot.engine.internal.session.ServerCore;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket server: endpoints by path, served by a few selector threads.
 *
 * <pre>{@code
 * WsServer server = WsServer.builder()
 *     .config(WsServerConfig.builder().network((network) -> network.port(8085)).build())
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

	private final WsServerConfig config;

	private final ServerCore core;

	/** TLS for connections accepted from now on; null for a plain server. */
	private volatile @Nullable TlsSettings tls;

	private volatile boolean running;

	private boolean stopped;

	private WsServer(Builder builder) {
		this.config = builder.config;
		this.tls = builder.tls;
		this.core = new ServerCore(this.config, builder.endpoints, builder.interceptors, builder.listeners,
				builder.executor, builder.clientIds);
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
		TlsSettings tls = this.tls;
		if (tls != null) {
			this.core.start(() -> this.tls.createEngine(), tls.packetBufferSize());
		}
		else {
			this.core.start(null, 0);
		}
		this.running = true;
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
		return this.core.stop(gracePeriod);
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
		return this.core.port();
	}

	public WsServerConfig config() {
		return this.config;
	}

	/** Every endpoint, several per path where they share one by subprotocol. */
	public Collection<WsEndpoint> endpoints() {
		return this.core.endpoints();
	}

	/** The open session with this id, or empty if it is not connected. */
	public Optional<WsSession> session(long id) {
		return Optional.ofNullable(this.core.session(id));
	}

	/** The open sessions; a live view. */
	public Collection<WsSession> sessions() {
		return this.core.sessions();
	}

	/** The open sessions of one path; a live view. */
	public Collection<WsSession> sessions(String path) {
		return this.core.sessions(path);
	}

	public int activeConnections() {
		return this.core.activeConnections();
	}

	public int activeConnections(String path) {
		return this.core.activeConnections(path);
	}

	/** The zlib codecs lent to compressed connections: tests count them. */
	ZlibPool zlib() {
		return this.core.zlib();
	}

	public ServerStats stats() {
		return this.core.stats();
	}

	/**
	 * The counters of one path.
	 * @throws IllegalArgumentException if no endpoint serves the path
	 */
	public PathStats stats(String path) {
		PathStats stats = this.core.stats(path);
		if (stats == null) {
			throw new IllegalArgumentException("No endpoint serves path " + path);
		}
		return stats;
	}

	/**
	 * Sends one text message to many sessions, encoding the frame once: once uncompressed, and once
	 * compressed for all the sessions that agreed on permessage-deflate without server context
	 * takeover; sessions with context takeover compress it each in their own context.
	 * @return how many sessions accepted it
	 */
	public int broadcast(Iterable<? extends WsSession> sessions, String text) {
		return this.core.broadcast(sessions, text, (session) -> session.sendText(text));
	}

	/**
	 * Sends one text message already in UTF-8 to many sessions, as {@link #broadcast(Iterable, String)}
	 * does, without encoding it: the frame is made from its bytes.
	 */
	public int broadcast(Iterable<? extends WsSession> sessions, WsText text) {
		return this.core.broadcast(sessions, text, (session) -> session.sendText(text));
	}

	/** Sends one binary message to many sessions, encoding the frame once, as text is. */
	public int broadcast(Iterable<? extends WsSession> sessions, byte[] data) {
		return this.core.broadcast(sessions, data, (session) -> session.sendBinary(data));
	}

	/** Collects endpoints, interceptors and settings for a {@link WsServer}. */
	public static final class Builder {

		private WsServerConfig config = WsServerConfig.DEFAULT;

		private final List<WsEndpoint> endpoints = new ArrayList<>();

		private final List<WsHandshakeInterceptor> interceptors = new ArrayList<>();

		private final List<WsSessionListener> listeners = new ArrayList<>();

		private @Nullable Executor executor;

		private @Nullable TlsSettings tls;

		private @Nullable LongSupplier clientIds;

		private Builder() {
		}

		/** Serves wss:// with this context's key material and its default protocols and cipher suites. */
		public Builder sslContext(SSLContext context) {
			return tls(TlsSettings.of(context));
		}

		/** Serves wss:// with these settings; without them the server is plain ws://. */
		public Builder tls(@Nullable TlsSettings tls) {
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

		/**
		 * Adds an endpoint. Several may share a path when each names its subprotocols: the
		 * client's offer chooses between them.
		 * @throws IllegalArgumentException if endpoints share a path while one of them names no
		 * subprotocol, or two of them name the same one
		 */
		public Builder endpoint(WsEndpoint endpoint) {
			this.endpoints.add(Objects.requireNonNull(endpoint, "endpoint must not be null"));
			new EndpointTable(this.endpoints);
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

		/**
		 * Where client ids come from, for ids that must be unique beyond this process (a cluster
		 * puts its node number in their high bits). Each call must answer a positive id that no
		 * call answered before, from any thread; ids a JavaScript client reads exactly stay below
		 * 2^53. By default one counter from 1 serves every server in the process.
		 */
		public Builder clientIds(LongSupplier clientIds) {
			this.clientIds = Objects.requireNonNull(clientIds, "clientIds must not be null");
			return this;
		}

		public WsServer build() {
			return new WsServer(this);
		}

	}

}
