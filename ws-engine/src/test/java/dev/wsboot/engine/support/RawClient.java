package dev.wsboot.engine.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.wsboot.engine.internal.protocol.Handshake;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking WebSocket client that writes every byte by hand, so tests can send what no real
 * client would: reserved bits and opcodes, unmasked frames, wrong lengths, partial frames, and
 * handshakes split anywhere. Reads block for at most {@link #TIMEOUT}.
 */
public final class RawClient implements AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(5);

	public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
		this.out = socket.getOutputStream();
	}

	/** A TCP connection only; no handshake yet. */
	public static RawClient connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		return new RawClient(socket);
	}

	/** A client over a socket connected by the caller, such as a TLS socket. */
	public static RawClient over(Socket socket) throws IOException {
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		return new RawClient(socket);
	}

	/** Connects and completes the upgrade on the path, asserting the 101. */
	public static RawClient open(int port, String path, String... headers) throws IOException {
		RawClient client = connect(port);
		Response response = client.upgrade(path, headers);
		assertThat(response.status()).as("upgrade response %s", response).isEqualTo(101);
		assertThat(response.header("sec-websocket-accept")).isEqualTo(Handshake.acceptValue(KEY));
		return client;
	}

	public static RawClient open(int port) throws IOException {
		return open(port, "/");
	}

	/** The standard upgrade request head for the path, with extra header lines ("Name: value"). */
	public static String upgradeRequest(String path, String... headers) {
		StringBuilder request = new StringBuilder();
		request.append("GET ").append(path).append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1\r\n")
			.append("Upgrade: websocket\r\n")
			.append("Connection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ").append(KEY).append("\r\n")
			.append("Sec-WebSocket-Version: 13\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		return request.append("\r\n").toString();
	}

	/** Sends the standard upgrade request and reads the response head. */
	public Response upgrade(String path, String... headers) throws IOException {
		sendAscii(upgradeRequest(path, headers));
		return readResponse();
	}

	public void sendAscii(String text) throws IOException {
		send(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	public void send(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/** Writes each byte in its own TCP segment (TCP_NODELAY is on). */
	public void sendOneByteAtATime(byte[] bytes) throws IOException {
		for (byte b : bytes) {
			this.out.write(b);
			this.out.flush();
		}
	}

	/** Writes the bytes in pieces of the given size. */
	public void sendInChops(byte[] bytes, int chop) throws IOException {
		for (int at = 0; at < bytes.length; at += chop) {
			this.out.write(bytes, at, Math.min(chop, bytes.length - at));
			this.out.flush();
		}
	}

	/** Reads an HTTP response head, and its body when it has a Content-Length. */
	public Response readResponse() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int last4 = 0;
		while (last4 != 0x0D0A0D0A) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Connection ended inside the response head: " + head);
			}
			head.write(b);
			last4 = (last4 << 8) | b;
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		String body = "";
		if (headers.containsKey("content-length")) {
			body = new String(this.in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
		}
		return new Response(Integer.parseInt(statusLine[1]), headers, body);
	}

	// Frames, client to server

	/**
	 * A masked frame: first byte as given (FIN, RSV, opcode), length in the shortest encoding.
	 */
	public static byte[] frame(int firstByte, byte[] payload) {
		return frame(firstByte, payload, true, -1);
	}

	public static byte[] frame(boolean fin, int opcode, byte[] payload) {
		return frame((fin ? 0x80 : 0) | opcode, payload);
	}

	/**
	 * Any frame.
	 * @param masked whether to set the mask bit and mask the payload
	 * @param lengthBytes 0, 2 or 8 to force a length encoding, -1 for the shortest
	 */
	public static byte[] frame(int firstByte, byte[] payload, boolean masked, int lengthBytes) {
		int n = payload.length;
		int encoding = (lengthBytes >= 0) ? lengthBytes : (n <= 125) ? 0 : (n <= 0xFFFF) ? 2 : 8;
		ByteArrayOutputStream frame = new ByteArrayOutputStream(n + 14);
		frame.write(firstByte);
		int maskBit = masked ? 0x80 : 0;
		if (encoding == 0) {
			frame.write(maskBit | n);
		}
		else if (encoding == 2) {
			frame.write(maskBit | 126);
			frame.write(n >>> 8);
			frame.write(n);
		}
		else {
			frame.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) n >>> shift));
			}
		}
		byte[] body = payload.clone();
		if (masked) {
			byte[] key = new byte[4];
			ThreadLocalRandom.current().nextBytes(key);
			frame.writeBytes(key);
			for (int i = 0; i < body.length; i++) {
				body[i] ^= key[i & 3];
			}
		}
		frame.writeBytes(body);
		return frame.toByteArray();
	}

	/** A masked frame header announcing {@code length} payload bytes, with the key all zeros so payload bytes go as is. */
	public static byte[] headerWithZeroMask(int firstByte, long length) {
		ByteArrayOutputStream header = new ByteArrayOutputStream(14);
		header.write(firstByte);
		if (length <= 125) {
			header.write(0x80 | (int) length);
		}
		else if (length <= 0xFFFF) {
			header.write(0x80 | 126);
			header.write((int) (length >>> 8));
			header.write((int) length);
		}
		else {
			header.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				header.write((int) (length >>> shift));
			}
		}
		header.writeBytes(new byte[4]);
		return header.toByteArray();
	}

	public static byte[] closeBody(int code, String reason) {
		byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[2 + utf8.length];
		body[0] = (byte) (code >>> 8);
		body[1] = (byte) code;
		System.arraycopy(utf8, 0, body, 2, utf8.length);
		return body;
	}

	public void sendFrame(int firstByte, byte[] payload) throws IOException {
		send(frame(firstByte, payload));
	}

	public void sendText(String text) throws IOException {
		send(frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
	}

	public void sendBinary(byte[] data) throws IOException {
		send(frame(0x82, data));
	}

	public void sendPing(byte[] payload) throws IOException {
		send(frame(0x89, payload));
	}

	public void sendClose(int code, String reason) throws IOException {
		send(frame(0x88, closeBody(code, reason)));
	}

	// Frames, server to client

	/** A frame the server sent. */
	public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/** The status code of a close frame, 1005 if it has none. */
		public int closeCode() {
			assertThat(this.opcode).as("opcode of a close frame").isEqualTo(0x8);
			return (this.payload.length < 2) ? 1005 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

		public String closeReason() {
			return (this.payload.length <= 2) ? "" : new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "Frame[fin=" + this.fin + ", rsv=" + this.rsv + ", opcode=" + this.opcode + ", length="
					+ this.payload.length + "]";
		}

	}

	/** Reads one frame, asserting that the server did not mask it (RFC 6455 §5.1). */
	public Frame readFrame() throws IOException {
		int b0 = readByte();
		int b1 = readByte();
		assertThat(b1 & 0x80).as("mask bit of a server frame").isZero();
		long length = b1 & 0x7F;
		if (length == 126) {
			length = (readByte() << 8) | readByte();
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte();
			}
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			throw new EOFException("Connection ended inside a frame");
		}
		return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, payload);
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException("Connection ended");
		}
		return b;
	}

	/** Reads a complete message, joining fragments; control frames in between fail the read. */
	public Frame readMessage() throws IOException {
		Frame first = readFrame();
		if (first.fin()) {
			return first;
		}
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		data.writeBytes(first.payload());
		Frame next;
		do {
			next = readFrame();
			assertThat(next.opcode()).as("continuation frame").isZero();
			data.writeBytes(next.payload());
		}
		while (!next.fin());
		return new Frame(true, first.rsv(), first.opcode(), data.toByteArray());
	}

	/** Reads the next frame and asserts it is a text message with this content. */
	public void assertReceivesText(String text) throws IOException {
		Frame frame = readMessage();
		assertThat(frame.opcode()).as("opcode of %s", frame).isEqualTo(0x1);
		assertThat(frame.text()).isEqualTo(text);
	}

	/**
	 * Reads frames up to the server's close frame, which must come next (at most skipping the
	 * frames this test allows), and returns it.
	 */
	public Frame readClose() throws IOException {
		Frame frame = readFrame();
		assertThat(frame.opcode()).as("expected a close frame, got %s", frame).isEqualTo(0x8);
		return frame;
	}

	/**
	 * Asserts the server fails the connection: its next frame is a close with the code, then it
	 * closes TCP once we answer.
	 */
	public void assertFailedWith(int code) throws IOException {
		Frame close = readClose();
		assertThat(close.closeCode()).as("close code, reason '%s'", close.closeReason()).isEqualTo(code);
		try {
			sendClose(1000, "");
		}
		catch (SocketException ex) {
			// The server may already have closed the socket after its close frame: that is allowed.
		}
		assertThat(awaitEndOfStream()).as("server closes TCP after the close frame").isTrue();
	}

	/**
	 * Waits for the server to close the TCP connection, discarding bytes; true if it did within the
	 * timeout (a reset counts as closed).
	 */
	public boolean awaitEndOfStream() throws IOException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try {
			while (System.nanoTime() - deadline < 0) {
				if (this.in.read() < 0) {
					return true;
				}
			}
			return false;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	/** Reads everything until the server closes TCP; the bytes read. */
	public byte[] readToEnd() throws IOException {
		try {
			return this.in.readAllBytes();
		}
		catch (SocketException ex) {
			return new byte[0];
		}
	}

	public void setReadTimeout(Duration timeout) throws SocketException {
		this.socket.setSoTimeout((int) timeout.toMillis());
	}

	public Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** An HTTP response head and body. */
	public record Response(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/** Every prefix split: the byte array cut at each position, for tests that try all splits. */
	public static List<byte[][]> splits(byte[] data) {
		List<byte[][]> splits = new ArrayList<>();
		for (int at = 0; at <= data.length; at++) {
			splits.add(new byte[][] { java.util.Arrays.copyOfRange(data, 0, at), java.util.Arrays.copyOfRange(data, at, data.length) });
		}
		return splits;
	}

	static String base64(byte[] data) {
		return Base64.getEncoder().encodeToString(data);
	}

}
