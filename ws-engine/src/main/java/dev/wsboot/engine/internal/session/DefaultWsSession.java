package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

/**
 * The session handed to application code: what the upgrade request said, and sends from any
 * thread through the connection's {@link FrameSender}.
 */
final class DefaultWsSession implements WsSession {

	private final long id;

	private final HandshakeContext handshake;

	private final FrameSender sender;

	private final PathCounters stats;

	/** Milliseconds since the epoch: the Instant is made when asked for, not kept by every session. */
	private final long connectedAt = System.currentTimeMillis();

	/** Written by the I/O thread only. */
	private volatile long received;

	DefaultWsSession(long id, HandshakeContext handshake, FrameSender sender, PathCounters stats) {
		this.id = id;
		this.handshake = handshake;
		this.sender = sender;
		this.stats = stats;
	}

	PathCounters stats() {
		return this.stats;
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public String path() {
		// The endpoint's own string: the request's path equals it, and needs no cutting from a query.
		return this.stats.path();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.handshake.remoteAddress();
	}

	@Override
	public Map<String, List<String>> requestHeaders() {
		return this.handshake.headers();
	}

	@Override
	public String requestHeader(String name) {
		return this.handshake.header(name);
	}

	@Override
	public Map<String, List<String>> queryParameters() {
		return this.handshake.queryParameters();
	}

	@Override
	public String subprotocol() {
		return this.handshake.subprotocol();
	}

	@Override
	public Map<String, Object> attributes() {
		return this.handshake.attributes();
	}

	@Override
	public @Nullable Principal principal() {
		return this.handshake.principal();
	}

	@Override
	public Instant connectedAt() {
		return Instant.ofEpochMilli(this.connectedAt);
	}

	@Override
	public boolean sendText(String text) {
		return this.sender.sendText(text);
	}

	@Override
	public boolean sendText(WsText text) {
		return this.sender.sendText(text);
	}

	@Override
	public boolean sendBinary(byte[] data) {
		return this.sender.sendBinary(data);
	}

	@Override
	public boolean sendBinaryWithoutCopy(byte[] data) {
		return this.sender.sendBinaryWithoutCopy(data);
	}

	@Override
	public boolean sendBinary(ByteBuffer data) {
		return this.sender.sendBinary(data);
	}

	/** A broadcast message, encoded once for all its receivers. */
	boolean send(BroadcastMessage message) {
		return this.sender.send(message);
	}

	@Override
	public boolean ping(byte[] payload) {
		return this.sender.ping(payload);
	}

	@Override
	public boolean pong(byte[] payload) {
		return this.sender.pong(payload);
	}

	@Override
	public void close(int code, String reason) {
		if (!CloseStatus.isValidOnWire(code)) {
			throw new IllegalArgumentException("Close code " + code + " may not be sent (RFC 6455 §7.4)");
		}
		this.sender.close(code, reason, null);
	}

	/** Starts the close handshake, counted under this category. */
	void close(int code, String reason, @Nullable CloseCategory category) {
		this.sender.close(code, reason, category);
	}

	@Override
	public boolean isOpen() {
		return this.sender.isSendable();
	}

	@Override
	public long queuedBytes() {
		return this.sender.queuedBytes();
	}

	@Override
	public long messagesReceived() {
		return this.received;
	}

	@Override
	public long messagesSent() {
		return this.sender.messagesSent();
	}

	/** A message arrived; I/O thread. */
	void received() {
		this.received++;
	}

	@Override
	public String toString() {
		return "WsSession#" + this.id + " " + path() + " from " + remoteAddress();
	}

}
