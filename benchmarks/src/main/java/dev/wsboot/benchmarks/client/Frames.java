package dev.wsboot.benchmarks.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.Consumer;

/** Reads server frames (RFC 6455 §5.2) from a connection's input buffer; writes control frames. */
final class Frames {

	static final int OP_CONTINUATION = 0x0;

	static final int OP_CLOSE = 0x8;

	static final int OP_PING = 0x9;

	/** Receives each complete frame; {@code mask} is 0 when the frame came unmasked. */
	interface Sink {

		void frame(Conn conn, int b0, byte[] data, int offset, int length, int mask) throws IOException;

	}

	private Frames() {
	}

	/** {@link #serviceReady(Selector, long, Sink, Consumer)} with nothing to do after a read. */
	static void serviceReady(Selector selector, long timeoutMillis, Sink sink) throws IOException {
		serviceReady(selector, timeoutMillis, sink, (conn) -> {
		});
	}

	/**
	 * Waits up to {@code timeoutMillis} for ready connections; reads each readable one into the
	 * sink and hands it to {@code afterRead}, then flushes every ready one's output.
	 */
	static void serviceReady(Selector selector, long timeoutMillis, Sink sink, Consumer<Conn> afterRead)
			throws IOException {
		selector.select(timeoutMillis);
		Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
		while (keys.hasNext()) {
			SelectionKey key = keys.next();
			keys.remove();
			Conn conn = (Conn) key.attachment();
			if (key.isReadable()) {
				read(conn, sink);
				afterRead.accept(conn);
			}
			conn.flush();
		}
	}

	/** Reads what the socket has and hands every complete frame to the sink. */
	static void read(Conn conn, Sink sink) throws IOException {
		int read = conn.channel.read(conn.in);
		if (read < 0) {
			throw new EOFException("Server closed the connection");
		}
		ByteBuffer in = conn.in;
		in.flip();
		byte[] data = in.array();
		while (in.remaining() >= 2) {
			int p = in.position();
			int b0 = data[p] & 0xff;
			int b1 = data[p + 1] & 0xff;
			long length = b1 & 0x7f;
			int header = 2;
			if (length == 126) {
				if (in.remaining() < 4) {
					break;
				}
				length = in.getShort(p + 2) & 0xffff;
				header = 4;
			}
			else if (length == 127) {
				if (in.remaining() < 10) {
					break;
				}
				length = in.getLong(p + 2);
				header = 10;
			}
			int mask = 0;
			if ((b1 & 0x80) != 0) {
				if (in.remaining() < header + 4) {
					break;
				}
				mask = in.getInt(p + header);
				header += 4;
			}
			if (in.remaining() < header + length) {
				in.compact();
				conn.ensureIn((int) (header + length));
				return;
			}
			in.position((int) (p + header + length));
			sink.frame(conn, b0, data, p + header, (int) length, mask);
		}
		in.compact();
	}

	/**
	 * The key byte that masks payload byte {@code i} (RFC 6455 §5.3); {@code mask} is the key as a
	 * big-endian int, 0 for an unmasked frame.
	 */
	static int maskByte(int mask, int i) {
		return (mask >>> ((3 - (i & 3)) * 8)) & 0xff;
	}

	/** Answers a server ping (RFC 6455 §5.5.3): a masked pong with the same payload. */
	static void pong(Conn conn, byte[] data, int offset, int length, int mask) {
		ByteBuffer out = conn.out;
		out.put((byte) 0x8a).put((byte) (0x80 | length)).putInt(0);
		for (int i = 0; i < length; i++) {
			out.put((byte) (data[offset + i] ^ maskByte(mask, i)));
		}
	}

	/** A close frame's status code and reason (RFC 6455 §5.5.1), for error messages. */
	static String closeStatus(byte[] data, int offset, int length, int mask) {
		byte[] plain = new byte[length];
		for (int i = 0; i < length; i++) {
			plain[i] = (byte) (data[offset + i] ^ maskByte(mask, i));
		}
		if (length < 2) {
			return "no status";
		}
		return (((plain[0] & 0xff) << 8) | (plain[1] & 0xff)) + " "
				+ new String(plain, 2, length - 2, StandardCharsets.UTF_8);
	}

	/** A masked text frame (RFC 6455 §5.6) of under 126 bytes, all-zero mask key. */
	static void text(ByteBuffer out, byte[] payload) {
		out.put((byte) 0x81).put((byte) (0x80 | payload.length)).putInt(0).put(payload);
	}

	/** A masked close frame with status 1000 (RFC 6455 §5.5.1), all-zero mask key. */
	static void close(ByteBuffer out) {
		out.put((byte) 0x88).put((byte) 0x82).putInt(0).putShort((short) 1000);
	}

	/**
	 * The permessage-deflate offer (RFC 7692 §7.1): no client context takeover, because every
	 * prebuilt message is deflated on its own; no server context takeover, what memory-aware
	 * servers choose anyway.
	 */
	static final String DEFLATE_OFFER = "permessage-deflate; client_no_context_takeover; server_no_context_takeover";

	static byte[] upgradeRequest(String path, int port, boolean offerDeflate) {
		// The fixed key of RFC 6455 §1.3; the client checks the status line, not the accept value.
		return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ (offerDeflate ? "Sec-WebSocket-Extensions: " + DEFLATE_OFFER + "\r\n" : "")
				+ "Sec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Consumes the upgrade response from the input buffer.
	 * @return the response head, or null while it is incomplete
	 */
	static String upgradeResponse(Conn conn) throws IOException {
		ByteBuffer in = conn.in;
		byte[] data = in.array();
		int end = in.position();
		for (int i = 3; i < end; i++) {
			if (data[i] == '\n' && data[i - 1] == '\r' && data[i - 2] == '\n' && data[i - 3] == '\r') {
				String status = new String(data, 0, Math.min(12, end), StandardCharsets.US_ASCII);
				if (!status.startsWith("HTTP/1.1 101")) {
					throw new IOException("Upgrade refused: " + new String(data, 0, i, StandardCharsets.US_ASCII));
				}
				String head = new String(data, 0, i, StandardCharsets.US_ASCII);
				in.flip();
				in.position(i + 1);
				in.compact();
				return head;
			}
		}
		return null;
	}

}
