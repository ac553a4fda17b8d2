package dev.wsboot.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable server settings. Start from {@link #DEFAULT} and change what you need:
 * {@code WsServerConfig.DEFAULT.toBuilder().port(0).build()}. Every default lives here; the Spring
 * Boot properties map onto these fields and share their defaults.
 */
public final class WsServerConfig {

	/** Where handler code runs. */
	public enum HandlerExecution {

		/**
		 * On the handler executor (virtual threads where the JVM has them), one event at a time per
		 * session. Handlers may block.
		 */
		EXECUTOR,

		/**
		 * On the session's I/O thread, with no thread hop. Fastest; a handler that blocks stalls every
		 * connection of that thread.
		 */
		IO_THREAD

	}

	/** What to do when a client does not read and its outbound queue is full. */
	public enum SlowClientPolicy {

		/** Close the connection with 1008 (policy violation); counted and logged. */
		CLOSE,

		/** Refuse the new message (the send returns false) and keep the connection; counted and logged. */
		DROP

	}

	public static final WsServerConfig DEFAULT = new Builder().build();

	private final String host;

	private final int port;

	private final int ioThreads;

	private final int maxFrameSize;

	private final int maxMessageSize;

	private final int maxConnections;

	private final int maxHandshakeSize;

	private final Duration handshakeTimeout;

	private final Duration idleTimeout;

	private final Duration closeTimeout;

	private final Duration pingInterval;

	private final Duration pongTimeout;

	private final List<String> allowedOrigins;

	private final long maxOutboundQueueSize;

	private final long maxInboundQueueSize;

	private final SlowClientPolicy slowClientPolicy;

	private final HandlerExecution handlerExecution;

	private final int readBufferSize;

	private final boolean compressionEnabled;

	private final int compressionMinSize;

	private final boolean compressionContextTakeover;

	private final int compressionLevel;

	private WsServerConfig(Builder b) {
		this.host = b.host;
		this.port = b.port;
		this.ioThreads = b.ioThreads;
		this.maxFrameSize = b.maxFrameSize;
		this.maxMessageSize = b.maxMessageSize;
		this.maxConnections = b.maxConnections;
		this.maxHandshakeSize = b.maxHandshakeSize;
		this.handshakeTimeout = b.handshakeTimeout;
		this.idleTimeout = b.idleTimeout;
		this.closeTimeout = b.closeTimeout;
		this.pingInterval = b.pingInterval;
		this.pongTimeout = b.pongTimeout;
		this.allowedOrigins = List.copyOf(b.allowedOrigins);
		this.maxOutboundQueueSize = b.maxOutboundQueueSize;
		this.maxInboundQueueSize = b.maxInboundQueueSize;
		this.slowClientPolicy = b.slowClientPolicy;
		this.handlerExecution = b.handlerExecution;
		this.readBufferSize = b.readBufferSize;
		this.compressionEnabled = b.compressionEnabled;
		this.compressionMinSize = b.compressionMinSize;
		this.compressionContextTakeover = b.compressionContextTakeover;
		this.compressionLevel = b.compressionLevel;
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/** The address to bind, or null for every interface. */
	public String host() {
		return this.host;
	}

	/** The port to bind; 0 picks a free one, readable from {@link WsServer#port()}. */
	public int port() {
		return this.port;
	}

	/** Selector threads; connections are spread across them. */
	public int ioThreads() {
		return this.ioThreads;
	}

	/** The largest frame payload accepted, in bytes; larger frames close with 1009. */
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	/** The largest message accepted over all its fragments, in bytes; larger ones close with 1009. */
	public int maxMessageSize() {
		return this.maxMessageSize;
	}

	/** Open WebSocket connections allowed at once; further upgrades get 503. */
	public int maxConnections() {
		return this.maxConnections;
	}

	/** The largest upgrade request head accepted, in bytes; larger ones get 431. */
	public int maxHandshakeSize() {
		return this.maxHandshakeSize;
	}

	/** Time for a client to complete the upgrade request after connecting. */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/** Time without any received byte after which the server closes with 1001; zero for never. */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/** Time to wait for the client's close frame after sending ours, before dropping the connection. */
	public Duration closeTimeout() {
		return this.closeTimeout;
	}

	/** Interval of keep-alive pings sent by the server; zero for none. */
	public Duration pingInterval() {
		return this.pingInterval;
	}

	/** Time to wait for the pong to a keep-alive ping before dropping the connection. */
	public Duration pongTimeout() {
		return this.pongTimeout;
	}

	/**
	 * Origins allowed to connect: exact values such as {@code https://example.com}, patterns with
	 * {@code *} such as {@code https://*.example.com}, or {@code *} for any. A request without an
	 * Origin header (not from a browser) is always allowed.
	 */
	public List<String> allowedOrigins() {
		return this.allowedOrigins;
	}

	/** Bytes that may wait to be written to one client before the slow client policy applies. */
	public long maxOutboundQueueSize() {
		return this.maxOutboundQueueSize;
	}

	/** Bytes of received messages that may wait for the handler of one session before reading pauses. */
	public long maxInboundQueueSize() {
		return this.maxInboundQueueSize;
	}

	public SlowClientPolicy slowClientPolicy() {
		return this.slowClientPolicy;
	}

	public HandlerExecution handlerExecution() {
		return this.handlerExecution;
	}

	/** Size of each I/O thread's read buffer, shared by all of its connections. */
	public int readBufferSize() {
		return this.readBufferSize;
	}

	/**
	 * Whether to accept the permessage-deflate extension (RFC 7692) when a client offers it. Off by
	 * default: compression costs CPU on every message, and compressing secrets together with data an
	 * attacker chooses can leak them through the message size (as CRIME did for TLS).
	 */
	public boolean compressionEnabled() {
		return this.compressionEnabled;
	}

	/**
	 * Messages whose payload is smaller than this many bytes are sent uncompressed: deflate saves
	 * little on them and its block overhead can even make them larger.
	 */
	public int compressionMinSize() {
		return this.compressionMinSize;
	}

	/**
	 * Whether compressed connections keep their compression context from one message to the next
	 * (RFC 7692 §7.1.1). Keeping it compresses small, similar messages much better, but holds a
	 * {@code Deflater} and an {@code Inflater} per connection, in native memory: measured as resident
	 * memory over 1,000 pairs ({@code DeflateMemoryHarness} in the tests), 82 KiB per Deflater once
	 * created, 130 KiB once it compressed a 2 KB message, plus 13 KiB per Inflater, so about 145 KiB
	 * per connection, and up to what zlib allocates at 15 window bits and memory level 8, about
	 * 300 KiB (256 KiB for the Deflater, 32 KiB for the Inflater's window, a few KiB of state each),
	 * once large messages have filled both windows. Without it, the server answers with
	 * {@code server_no_context_takeover} and {@code client_no_context_takeover},
	 * borrows a codec from a small pool for each message, and an idle compressed connection holds no
	 * native memory; a broadcast is then compressed once for every such client. Off by default, for
	 * memory.
	 */
	public boolean compressionContextTakeover() {
		return this.compressionContextTakeover;
	}

	/**
	 * The deflate level of compressed messages, 1 (fastest) to 9 (smallest); 6 by default, zlib's
	 * own default. Measured with the benchmarks' JMH {@code CompressionBenchmark} on mixed text
	 * without context takeover: level 1 deflates a 16 KiB message about five times as fast as 6,
	 * a 1 KiB message only about 1.4 times, because zlib clears its hash table for every message
	 * whatever the level.
	 */
	public int compressionLevel() {
		return this.compressionLevel;
	}

	/** Builds a {@link WsServerConfig}; {@link #build()} checks every value and names the one that is wrong. */
	public static final class Builder {

		private String host;

		private int port = 8085;

		private int ioThreads = Runtime.getRuntime().availableProcessors();

		private int maxFrameSize = 1024 * 1024;

		private int maxMessageSize = 1024 * 1024;

		private int maxConnections = 10_000;

		private int maxHandshakeSize = 8 * 1024;

		private Duration handshakeTimeout = Duration.ofSeconds(10);

		private Duration idleTimeout = Duration.ZERO;

		private Duration closeTimeout = Duration.ofSeconds(5);

		private Duration pingInterval = Duration.ZERO;

		private Duration pongTimeout = Duration.ofSeconds(30);

		private List<String> allowedOrigins = List.of("*");

		private long maxOutboundQueueSize = 1024 * 1024;

		private long maxInboundQueueSize = 1024 * 1024;

		private SlowClientPolicy slowClientPolicy = SlowClientPolicy.CLOSE;

		private HandlerExecution handlerExecution = HandlerExecution.EXECUTOR;

		private int readBufferSize = 64 * 1024;

		private boolean compressionEnabled = false;

		private int compressionMinSize = 256;

		private boolean compressionContextTakeover = false;

		private int compressionLevel = 6;

		private Builder() {
		}

		private Builder(WsServerConfig c) {
			this.host = c.host;
			this.port = c.port;
			this.ioThreads = c.ioThreads;
			this.maxFrameSize = c.maxFrameSize;
			this.maxMessageSize = c.maxMessageSize;
			this.maxConnections = c.maxConnections;
			this.maxHandshakeSize = c.maxHandshakeSize;
			this.handshakeTimeout = c.handshakeTimeout;
			this.idleTimeout = c.idleTimeout;
			this.closeTimeout = c.closeTimeout;
			this.pingInterval = c.pingInterval;
			this.pongTimeout = c.pongTimeout;
			this.allowedOrigins = c.allowedOrigins;
			this.maxOutboundQueueSize = c.maxOutboundQueueSize;
			this.maxInboundQueueSize = c.maxInboundQueueSize;
			this.slowClientPolicy = c.slowClientPolicy;
			this.handlerExecution = c.handlerExecution;
			this.readBufferSize = c.readBufferSize;
			this.compressionEnabled = c.compressionEnabled;
			this.compressionMinSize = c.compressionMinSize;
			this.compressionContextTakeover = c.compressionContextTakeover;
			this.compressionLevel = c.compressionLevel;
		}

		public Builder host(String host) {
			this.host = host;
			return this;
		}

		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder ioThreads(int ioThreads) {
			this.ioThreads = ioThreads;
			return this;
		}

		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		public Builder maxHandshakeSize(int maxHandshakeSize) {
			this.maxHandshakeSize = maxHandshakeSize;
			return this;
		}

		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
			return this;
		}

		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
			return this;
		}

		public Builder closeTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
			return this;
		}

		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		public Builder pongTimeout(Duration pongTimeout) {
			this.pongTimeout = pongTimeout;
			return this;
		}

		public Builder allowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
			return this;
		}

		public Builder maxOutboundQueueSize(long maxOutboundQueueSize) {
			this.maxOutboundQueueSize = maxOutboundQueueSize;
			return this;
		}

		public Builder maxInboundQueueSize(long maxInboundQueueSize) {
			this.maxInboundQueueSize = maxInboundQueueSize;
			return this;
		}

		public Builder slowClientPolicy(SlowClientPolicy slowClientPolicy) {
			this.slowClientPolicy = slowClientPolicy;
			return this;
		}

		public Builder handlerExecution(HandlerExecution handlerExecution) {
			this.handlerExecution = handlerExecution;
			return this;
		}

		public Builder readBufferSize(int readBufferSize) {
			this.readBufferSize = readBufferSize;
			return this;
		}

		public Builder compressionEnabled(boolean compressionEnabled) {
			this.compressionEnabled = compressionEnabled;
			return this;
		}

		public Builder compressionMinSize(int compressionMinSize) {
			this.compressionMinSize = compressionMinSize;
			return this;
		}

		public Builder compressionContextTakeover(boolean compressionContextTakeover) {
			this.compressionContextTakeover = compressionContextTakeover;
			return this;
		}

		public Builder compressionLevel(int compressionLevel) {
			this.compressionLevel = compressionLevel;
			return this;
		}

		/**
		 * @throws IllegalArgumentException naming the setting whose value is out of range
		 */
		public WsServerConfig build() {
			check(this.port >= 0 && this.port <= 65535, "port", this.port, "must be between 0 and 65535");
			check(this.ioThreads >= 1, "ioThreads", this.ioThreads, "must be at least 1");
			// Arrays are indexed by int; leave the JVM's usual headroom below Integer.MAX_VALUE.
			check(this.maxMessageSize >= 1 && this.maxMessageSize <= Integer.MAX_VALUE - 8, "maxMessageSize",
					this.maxMessageSize, "must be between 1 byte and 2 GiB");
			check(this.maxFrameSize >= 1 && this.maxFrameSize <= this.maxMessageSize, "maxFrameSize",
					this.maxFrameSize, "must be at least 1 byte and at most maxMessageSize (" + this.maxMessageSize + ")");
			check(this.maxConnections >= 1, "maxConnections", this.maxConnections, "must be at least 1");
			check(this.maxHandshakeSize >= 256, "maxHandshakeSize", this.maxHandshakeSize, "must be at least 256 bytes");
			checkPositive(this.handshakeTimeout, "handshakeTimeout");
			checkNotNegative(this.idleTimeout, "idleTimeout");
			checkPositive(this.closeTimeout, "closeTimeout");
			checkNotNegative(this.pingInterval, "pingInterval");
			checkPositive(this.pongTimeout, "pongTimeout");
			Objects.requireNonNull(this.allowedOrigins, "allowedOrigins must not be null");
			check(this.maxOutboundQueueSize >= 1, "maxOutboundQueueSize", this.maxOutboundQueueSize, "must be at least 1 byte");
			check(this.maxInboundQueueSize >= 1, "maxInboundQueueSize", this.maxInboundQueueSize, "must be at least 1 byte");
			Objects.requireNonNull(this.slowClientPolicy, "slowClientPolicy must not be null");
			Objects.requireNonNull(this.handlerExecution, "handlerExecution must not be null");
			check(this.readBufferSize >= 1024, "readBufferSize", this.readBufferSize, "must be at least 1024 bytes");
			check(this.compressionMinSize >= 0, "compressionMinSize", this.compressionMinSize, "must not be negative");
			check(this.compressionLevel >= 1 && this.compressionLevel <= 9, "compressionLevel", this.compressionLevel,
					"must be from 1 (fastest) to 9 (smallest)");
			return new WsServerConfig(this);
		}

		private static void check(boolean valid, String name, Object value, String rule) {
			if (!valid) {
				throw new InvalidSettingException(name, value, rule);
			}
		}

		private static void checkPositive(Duration value, String name) {
			check(value != null && !value.isNegative() && !value.isZero(), name, value, "must be a positive duration");
		}

		private static void checkNotNegative(Duration value, String name) {
			check(value != null && !value.isNegative(), name, value, "must not be negative (zero turns it off)");
		}

	}

}
