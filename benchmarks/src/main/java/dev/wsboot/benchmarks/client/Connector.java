package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.Inflater;

/**
 * Opens many connections from one selector, a bounded number at a time so that no server's
 * accept backlog overflows, and completes their WebSocket handshakes. Also measures churn.
 */
public final class Connector {

	/** How the message of a failure to open every connection in time begins. */
	public static final String OPEN_FAILURE = "Opened ";

	private final InetSocketAddress address;

	private final String path;

	private final boolean raw;

	private final boolean deflate;

	/** The socket receive buffer to ask for before connecting, or 0 for the system's default. */
	private final int receiveBuffer;

	/**
	 * @param raw true for a plain TCP echo: no handshake, the connection counts as open once
	 * connected
	 */
	public Connector(int port, String path, boolean raw) {
		this(port, path, raw, false);
	}

	/**
	 * @param deflate whether to offer permessage-deflate and require the server to accept it
	 */
	public Connector(int port, String path, boolean raw, boolean deflate) {
		this(port, path, raw, deflate, 0);
	}

	private Connector(int port, String path, boolean raw, boolean deflate, int receiveBuffer) {
		this.address = new InetSocketAddress("127.0.0.1", port);
		this.path = path;
		this.raw = raw;
		this.deflate = deflate;
		this.receiveBuffer = receiveBuffer;
	}

	/**
	 * The same connector asking for a small socket receive buffer: a client that stops reading
	 * then holds little in its kernel, so the server's own queue fills sooner.
	 */
	public Connector withReceiveBuffer(int bytes) {
		return new Connector(this.address.getPort(), this.path, this.raw, this.deflate, bytes);
	}

	/** The upgrade request this connector sends. */
	byte[] request() {
		return Frames.upgradeRequest(this.path, this.address.getPort(), this.deflate);
	}

	int port() {
		return this.address.getPort();
	}

	/** Opens {@code count} connections registered on {@code selector} for reading, or fails. */
	List<Conn> open(Selector selector, int count, int concurrency, int inCapacity, int outCapacity, long timeoutMillis)
			throws IOException {
		try {
			return openAll(selector, count, concurrency, inCapacity, outCapacity, timeoutMillis);
		}
		catch (IOException | RuntimeException ex) {
			for (SelectionKey key : selector.keys()) {
				((Conn) key.attachment()).abort();
			}
			throw ex;
		}
	}

	private List<Conn> openAll(Selector selector, int count, int concurrency, int inCapacity, int outCapacity,
			long timeoutMillis) throws IOException {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
		List<Conn> opened = new ArrayList<>(count);
		byte[] request = Frames.upgradeRequest(this.path, this.address.getPort(), this.deflate);
		int started = 0;
		int pending = 0;
		while (opened.size() < count) {
			while (pending < concurrency && started < count) {
				Conn conn = start(selector, inCapacity, outCapacity);
				started++;
				pending++;
				if (conn.state == Conn.State.OPEN) {
					opened.add(conn);
					pending--;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IOException(OPEN_FAILURE + opened.size() + " of " + count + " connections in " + timeoutMillis + " ms");
			}
			selector.select(10);
			Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				Conn conn = (Conn) key.attachment();
				if (advance(conn, request)) {
					opened.add(conn);
					pending--;
				}
			}
		}
		return opened;
	}

	/** Starts connecting one socket, registered on {@code selector}; it may already be open. */
	Conn start(Selector selector, int inCapacity, int outCapacity) throws IOException {
		SocketChannel channel = SocketChannel.open();
		channel.configureBlocking(false);
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		if (this.receiveBuffer > 0) {
			channel.setOption(StandardSocketOptions.SO_RCVBUF, this.receiveBuffer);
		}
		Conn conn = new Conn(channel, inCapacity, outCapacity);
		conn.key = channel.register(selector, SelectionKey.OP_CONNECT, conn);
		if (channel.connect(this.address)) {
			connected(conn, Frames.upgradeRequest(this.path, this.address.getPort(), this.deflate));
		}
		return conn;
	}

	/** Moves one connection on; true when it just became open. */
	boolean advance(Conn conn, byte[] request) throws IOException {
		if (conn.state == Conn.State.CONNECTING && conn.key.isConnectable()) {
			conn.channel.finishConnect();
			connected(conn, request);
			return conn.state == Conn.State.OPEN;
		}
		if (conn.state == Conn.State.HANDSHAKE && conn.key.isReadable()) {
			if (conn.channel.read(conn.in) < 0) {
				throw new IOException("Server closed the connection during the handshake");
			}
			String head = Frames.upgradeResponse(conn);
			if (head != null) {
				if (this.deflate) {
					acceptDeflate(conn, head);
				}
				conn.state = Conn.State.OPEN;
				return true;
			}
		}
		return false;
	}

	/** Requires the server's permessage-deflate answer (RFC 7692 §7.1) and prepares to inflate. */
	private static void acceptDeflate(Conn conn, String head) throws IOException {
		String extensions = null;
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Extensions")) {
				extensions = line.substring(colon + 1).toLowerCase(Locale.ROOT);
			}
		}
		if (extensions == null || !extensions.contains("permessage-deflate")) {
			throw new IOException("Server did not accept permessage-deflate (offered: " + Frames.DEFLATE_OFFER + ")");
		}
		conn.inflater = new Inflater(true);
		conn.inflaterPerMessage = extensions.contains("server_no_context_takeover");
	}

	private void connected(Conn conn, byte[] request) throws IOException {
		if (this.raw) {
			conn.state = Conn.State.OPEN;
			conn.key.interestOps(SelectionKey.OP_READ);
			return;
		}
		ByteBuffer buffer = ByteBuffer.wrap(request);
		conn.channel.write(buffer);
		if (buffer.hasRemaining()) {
			throw new IOException("Upgrade request did not fit the socket buffer");
		}
		conn.state = Conn.State.HANDSHAKE;
		conn.key.interestOps(SelectionKey.OP_READ);
	}

	/**
	 * Connection churn: opens connections {@code concurrency} at a time, completes the handshake,
	 * sends a close frame and waits for the server's, then resets the socket.
	 * @return completed open-and-close cycles per second over the measured window
	 */
	public LoadResult churn(int concurrency, long warmupMillis, long measureMillis,
			java.util.function.DoubleSupplier cpuClock) throws IOException {
		LoadResult.Window cpuWindow = new LoadResult.Window(cpuClock);
		try (Selector selector = Selector.open()) {
			byte[] request = Frames.upgradeRequest(this.path, this.address.getPort(), this.deflate);
			long start = System.nanoTime();
			long measureFrom = start + warmupMillis * 1_000_000L;
			long end = measureFrom + measureMillis * 1_000_000L;
			long completed = 0;
			int pending = 0;
			Frames.Sink closeWatch = (conn, b0, data, offset, length, mask) -> {
				if ((b0 & 0x0f) == Frames.OP_CLOSE) {
					conn.state = Conn.State.DONE;
				}
			};
			while (true) {
				long now = System.nanoTime();
				cpuWindow.tick(now, measureFrom, end);
				if (now >= end) {
					break;
				}
				while (pending < concurrency) {
					Conn conn = start(selector, 512, 64);
					pending++;
					if (conn.state == Conn.State.OPEN) {
						sendClose(conn);
					}
				}
				selector.select(10);
				Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					Conn conn = (Conn) key.attachment();
					if (conn.state == Conn.State.CLOSING) {
						try {
							Frames.read(conn, closeWatch);
						}
						catch (java.io.EOFException ex) {
							conn.state = Conn.State.DONE;
						}
						if (conn.state == Conn.State.DONE) {
							conn.abort();
							pending--;
							if (System.nanoTime() >= measureFrom) {
								completed++;
							}
						}
					}
					else if (advance(conn, request)) {
						sendClose(conn);
					}
				}
			}
			for (SelectionKey key : selector.keys()) {
				((Conn) key.attachment()).abort();
			}
			return new LoadResult(completed * 1e3 / measureMillis, LoadResult.newHistogram(), 0, cpuWindow.cpuSeconds());
		}
	}

	private static void sendClose(Conn conn) throws IOException {
		Frames.close(conn.out);
		conn.state = Conn.State.CLOSING;
		conn.flush();
	}

}
