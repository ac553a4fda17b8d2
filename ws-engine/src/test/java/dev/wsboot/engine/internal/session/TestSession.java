package dev.wsboot.engine.internal.session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsSession;

/**
 * A minimal {@link WsSession} for the session layers' unit tests: it records the closes asked of
 * it and turns closed on the first; sends are refused.
 */
final class TestSession implements WsSession {

	final List<CloseStatus> closes = new CopyOnWriteArrayList<>();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private volatile boolean open = true;

	@Override
	public long id() {
		return 1;
	}

	@Override
	public String path() {
		return "/test";
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return new InetSocketAddress("127.0.0.1", 40000);
	}

	@Override
	public Map<String, List<String>> requestHeaders() {
		return Map.of();
	}

	@Override
	public String requestHeader(String name) {
		return null;
	}

	@Override
	public Map<String, List<String>> queryParameters() {
		return Map.of();
	}

	@Override
	public String subprotocol() {
		return null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public Principal principal() {
		return null;
	}

	@Override
	public Instant connectedAt() {
		return Instant.EPOCH;
	}

	@Override
	public boolean sendText(String text) {
		return false;
	}

	@Override
	public boolean sendBinary(byte[] data) {
		return false;
	}

	@Override
	public boolean sendBinary(ByteBuffer data) {
		return false;
	}

	@Override
	public boolean ping(byte[] payload) {
		return false;
	}

	@Override
	public boolean pong(byte[] payload) {
		return false;
	}

	@Override
	public void close(int code, String reason) {
		this.closes.add(new CloseStatus(code, reason));
		this.open = false;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public long queuedBytes() {
		return 0;
	}

	@Override
	public long messagesReceived() {
		return 0;
	}

	@Override
	public long messagesSent() {
		return 0;
	}

	@Override
	public String toString() {
		return "TestSession";
	}

}
