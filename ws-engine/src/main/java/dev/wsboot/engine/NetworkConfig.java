package dev.wsboot.engine;

import java.util.List;
import java.util.Objects;

import static dev.wsboot.engine.Settings.check;

/**
 * Where the server listens and who may connect: the bound address, the selector threads and their
 * read buffers, and the origins allowed to upgrade. A part of {@link WsServerConfig}.
 *
 * @param host the address to bind, or null for every interface
 * @param port the port to bind; 0 picks a free one, readable from {@link WsServer#port()}
 * @param ioThreads selector threads; connections are spread across them
 * @param readBufferSize size of each I/O thread's read buffer, shared by all of its connections
 * @param allowedOrigins origins allowed to connect: exact values such as
 * {@code https://example.com}, patterns with {@code *} such as {@code https://*.example.com}, or
 * {@code *} for any (then any web page a user visits may connect with the user's cookies). Empty,
 * the default, allows only pages from the same host as the request's Host header, on any port.
 * A request without an Origin header (not from a browser) is always allowed.
 */
public record NetworkConfig(String host, int port, int ioThreads, int readBufferSize, List<String> allowedOrigins) {

	/**
	 * Every interface, port 8085, one I/O thread per processor, 256 KiB buffers, same-host origins.
	 * A frame of a 64 KiB message is 64 KiB plus its header (RFC 6455 section 5.2), so 64 KiB buffers
	 * took two reads and two writes for each; two buffers per I/O thread make the larger size cheap.
	 */
	public static final NetworkConfig DEFAULT = new NetworkConfig(null, 8085, Runtime.getRuntime().availableProcessors(),
			256 * 1024, List.of());

	/**
	 * @throws InvalidSettingException naming the setting whose value is out of range
	 */
	public NetworkConfig {
		check(port >= 0 && port <= 65535, "port", port, "must be between 0 and 65535");
		check(ioThreads >= 1, "ioThreads", ioThreads, "must be at least 1");
		check(readBufferSize >= 1024, "readBufferSize", readBufferSize, "must be at least 1024 bytes");
		allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins must not be null"));
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some settings of a {@link NetworkConfig}; {@link #build()} checks them. */
	public static final class Builder {

		private String host;

		private int port;

		private int ioThreads;

		private int readBufferSize;

		private List<String> allowedOrigins;

		private Builder(NetworkConfig from) {
			this.host = from.host;
			this.port = from.port;
			this.ioThreads = from.ioThreads;
			this.readBufferSize = from.readBufferSize;
			this.allowedOrigins = from.allowedOrigins;
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

		public Builder readBufferSize(int readBufferSize) {
			this.readBufferSize = readBufferSize;
			return this;
		}

		public Builder allowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
			return this;
		}

		/** @throws InvalidSettingException naming the setting whose value is out of range */
		public NetworkConfig build() {
			return new NetworkConfig(this.host, this.port, this.ioThreads, this.readBufferSize, this.allowedOrigins);
		}

	}

}
