package dev.wsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.engine.WsServerConfig.HandlerExecution;
import dev.wsboot.engine.WsServerConfig.SlowClientPolicy;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the wsboot WebSocket server, bound to {@code ws.*}. Defaults equal the
 * engine's {@code WsServerConfig.DEFAULT} (a test keeps them in step).
 */
@ConfigurationProperties("ws")
public class WsProperties {

	/**
	 * Whether to start the WebSocket server.
	 */
	private boolean enabled = true;

	/**
	 * Port of the WebSocket server. Use 0 for a free port, published as 'local.ws.port'.
	 */
	private int port = 8085;

	/**
	 * Network address to bind. All interfaces when not set.
	 */
	private @Nullable String host;

	/**
	 * Number of selector (I/O) threads. One per available processor when not set.
	 */
	private @Nullable Integer ioThreads;

	/**
	 * Largest message accepted over all its fragments. Larger messages close the connection with
	 * 1009.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(1);

	/**
	 * Largest frame payload accepted. Larger frames close the connection with 1009.
	 */
	private DataSize maxFrameSize = DataSize.ofMegabytes(1);

	/**
	 * Maximum number of open WebSocket connections. Further upgrade requests get 503.
	 */
	private int maxConnections = 10_000;

	/**
	 * Largest upgrade request head accepted. Larger ones get 431.
	 */
	private DataSize maxHandshakeSize = DataSize.ofKilobytes(8);

	/**
	 * Time allowed for a client to send its upgrade request after connecting.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Time without any data from a client after which it is closed with 1001. Zero turns it off.
	 */
	private Duration idleTimeout = Duration.ZERO;

	/**
	 * Time to wait for the client's close frame after the server sent one.
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	/**
	 * Interval of keep-alive pings sent to every client. Zero turns them off.
	 */
	private Duration pingInterval = Duration.ZERO;

	/**
	 * Time to wait for the pong to a keep-alive ping before dropping the connection.
	 */
	private Duration pongTimeout = Duration.ofSeconds(30);

	/**
	 * Origins allowed to connect: exact values, patterns with '*' such as
	 * 'https://*.example.com', or '*' for any. Requests without an Origin header are always
	 * allowed.
	 */
	private List<String> allowedOrigins = new ArrayList<>(List.of("*"));

	/**
	 * Bytes that may wait to be written to one client before the slow-client policy applies.
	 */
	private DataSize maxOutboundQueueSize = DataSize.ofMegabytes(1);

	/**
	 * Bytes of received messages that may wait for the handlers of one session before the server
	 * stops reading from it.
	 */
	private DataSize maxInboundQueueSize = DataSize.ofMegabytes(1);

	/**
	 * What to do with a client whose outbound queue is full: close it with 1008, or drop the new
	 * message.
	 */
	private SlowClientPolicy slowClientPolicy = SlowClientPolicy.CLOSE;

	/**
	 * Where handler methods run: on the handler executor (they may block), or on the I/O threads
	 * (fastest; they must never block).
	 */
	private HandlerExecution handlerExecution = HandlerExecution.EXECUTOR;

	/**
	 * Size of each I/O thread's read and write buffers.
	 */
	private DataSize readBufferSize = DataSize.ofKilobytes(64);

	/**
	 * Threads of the bounded handler pool, used when virtual threads are not enabled.
	 */
	private int handlerThreads = 16;

	/**
	 * Time to wait on shutdown for clients to answer the server's close frame (1001) before the
	 * remaining connections are dropped. Keep it below
	 * 'spring.lifecycle.timeout-per-shutdown-phase'.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private final Ssl ssl = new Ssl();

	private final Compression compression = new Compression();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getIoThreads() {
		return this.ioThreads;
	}

	public void setIoThreads(@Nullable Integer ioThreads) {
		this.ioThreads = ioThreads;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public DataSize getMaxHandshakeSize() {
		return this.maxHandshakeSize;
	}

	public void setMaxHandshakeSize(DataSize maxHandshakeSize) {
		this.maxHandshakeSize = maxHandshakeSize;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getPongTimeout() {
		return this.pongTimeout;
	}

	public void setPongTimeout(Duration pongTimeout) {
		this.pongTimeout = pongTimeout;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public DataSize getMaxOutboundQueueSize() {
		return this.maxOutboundQueueSize;
	}

	public void setMaxOutboundQueueSize(DataSize maxOutboundQueueSize) {
		this.maxOutboundQueueSize = maxOutboundQueueSize;
	}

	public DataSize getMaxInboundQueueSize() {
		return this.maxInboundQueueSize;
	}

	public void setMaxInboundQueueSize(DataSize maxInboundQueueSize) {
		this.maxInboundQueueSize = maxInboundQueueSize;
	}

	public SlowClientPolicy getSlowClientPolicy() {
		return this.slowClientPolicy;
	}

	public void setSlowClientPolicy(SlowClientPolicy slowClientPolicy) {
		this.slowClientPolicy = slowClientPolicy;
	}

	public HandlerExecution getHandlerExecution() {
		return this.handlerExecution;
	}

	public void setHandlerExecution(HandlerExecution handlerExecution) {
		this.handlerExecution = handlerExecution;
	}

	public DataSize getReadBufferSize() {
		return this.readBufferSize;
	}

	public void setReadBufferSize(DataSize readBufferSize) {
		this.readBufferSize = readBufferSize;
	}

	public int getHandlerThreads() {
		return this.handlerThreads;
	}

	public void setHandlerThreads(int handlerThreads) {
		this.handlerThreads = handlerThreads;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * TLS (wss://) settings.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (defined under 'spring.ssl.bundle') whose key material serves
		 * wss://. Its protocols and ciphers apply, and a reloadable bundle's new certificate serves
		 * new connections without a restart. Plain ws:// when not set.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * The permessage-deflate extension (RFC 7692), bound to {@code ws.compression.*}.
	 */
	public static class Compression {

		/**
		 * Whether to accept permessage-deflate when a client offers it. Compression costs CPU, and
		 * compressing secrets together with attacker-chosen data can leak them through message
		 * sizes.
		 */
		private boolean enabled = false;

		/**
		 * Smallest message payload to compress. Smaller messages are sent uncompressed.
		 */
		private DataSize minSize = DataSize.ofBytes(256);

		/**
		 * Whether compressed connections may keep their compression context between messages.
		 * Better compression of small similar messages, at the cost of a Deflater and an Inflater
		 * held by every connection (about 150 to 300 KiB of native memory each); without it, idle
		 * compressed connections hold none and broadcasts are compressed once.
		 */
		private boolean contextTakeover = false;

		/**
		 * Deflate level, from 1 (fastest) to 9 (smallest). Lower levels save most CPU on large
		 * messages.
		 */
		private int level = 6;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getMinSize() {
			return this.minSize;
		}

		public void setMinSize(DataSize minSize) {
			this.minSize = minSize;
		}

		public boolean isContextTakeover() {
			return this.contextTakeover;
		}

		public void setContextTakeover(boolean contextTakeover) {
			this.contextTakeover = contextTakeover;
		}

		public int getLevel() {
			return this.level;
		}

		public void setLevel(int level) {
			this.level = level;
		}

	}

}
