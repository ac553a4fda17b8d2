package dev.wsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.engine.WsServerConfig.HandlerExecution;
import dev.wsboot.engine.WsServerConfig.SlowClientPolicy;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the wsboot WebSocket server, bound to {@code ws.*}. Every default is the engine's
 * (its config parts' {@code DEFAULT}s), written here too only for the IDE metadata; a test keeps each equal.
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
	 * 'https://*.example.com', or '*' for any (any web page may then connect with its visitors'
	 * cookies). Empty allows pages from the same host as the request, on any port. Requests
	 * without an Origin header are always allowed.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

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
	private DataSize readBufferSize = DataSize.ofKilobytes(256);

	/**
	 * Threads of the bounded handler pool, used when virtual threads are not enabled.
	 */
	private int handlerThreads = 16;

	/**
	 * Connections that may be in the upgrade at once; past it the oldest pending upgrade is
	 * dropped, so slow or stalled upgrades cannot lock real clients out.
	 */
	private int maxPendingHandshakes = 1000;

	/**
	 * Open connections allowed from one remote address; further upgrades get 429. 0 for no limit.
	 */
	private int maxConnectionsPerAddress;

	/**
	 * Messages one connection may send per second, with bursts up to a second's worth; past it
	 * the connection is closed with 1008. 0 for no limit.
	 */
	private long maxMessagesPerSecond;

	/**
	 * Message payload per second one connection may send, with bursts up to a second's worth;
	 * past it the connection is closed with 1008. 0 for no limit.
	 */
	private DataSize maxBytesPerSecond = DataSize.ofBytes(0);

	/**
	 * Time to wait on shutdown for clients to answer the server's close frame (1001) before the
	 * remaining connections are dropped. Keep it below
	 * 'spring.lifecycle.timeout-per-shutdown-phase'.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private final Ssl ssl = new Ssl();

	@NestedConfigurationProperty
	private final WsCompressionProperties compression = new WsCompressionProperties();

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

	public int getMaxPendingHandshakes() {
		return this.maxPendingHandshakes;
	}

	public void setMaxPendingHandshakes(int maxPendingHandshakes) {
		this.maxPendingHandshakes = maxPendingHandshakes;
	}

	public int getMaxConnectionsPerAddress() {
		return this.maxConnectionsPerAddress;
	}

	public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
		this.maxConnectionsPerAddress = maxConnectionsPerAddress;
	}

	public long getMaxMessagesPerSecond() {
		return this.maxMessagesPerSecond;
	}

	public void setMaxMessagesPerSecond(long maxMessagesPerSecond) {
		this.maxMessagesPerSecond = maxMessagesPerSecond;
	}

	public DataSize getMaxBytesPerSecond() {
		return this.maxBytesPerSecond;
	}

	public void setMaxBytesPerSecond(DataSize maxBytesPerSecond) {
		this.maxBytesPerSecond = maxBytesPerSecond;
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

	public WsCompressionProperties getCompression() {
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

}
