package dev.wsboot.engine.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The server side of the opening handshake (RFC 6455 §4.2): which requests are WebSocket upgrades,
 * and the bytes of the answers.
 */
public final class Handshake {

	/** §1.3: the GUID appended to the client's key. */
	private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.ISO_8859_1);

	/**
	 * One SHA-1 per thread that answers handshakes (the I/O threads): looking up a provider for
	 * every handshake costs more than the digest itself.
	 */
	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(Handshake::newSha1);

	private Handshake() {
	}

	private static MessageDigest newSha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every JDK", ex);
		}
	}

	/**
	 * Checks the request against §4.2.1 and returns its {@code Sec-WebSocket-Key}.
	 * @throws HandshakeException with the status that tells the client what is wrong
	 */
	public static String validateUpgrade(HttpRequest request) {
		if (!request.hasToken("upgrade", "websocket")) {
			// Not a WebSocket request at all: say which protocol this resource speaks (RFC 7231 §6.5.15).
			throw new HandshakeException(426, "This is a WebSocket endpoint", Map.of("Upgrade", "websocket"));
		}
		if (!"GET".equals(request.method())) {
			throw new HandshakeException(405, "A WebSocket upgrade must use GET", Map.of("Allow", "GET"));
		}
		if (!isHttp11OrLater(request.version())) {
			throw new HandshakeException(400, "A WebSocket upgrade needs HTTP/1.1 or later");
		}
		String host = request.header("host");
		if (host == null || host.isEmpty()) {
			throw new HandshakeException(400, "Missing Host header");
		}
		if (!request.hasToken("connection", "upgrade")) {
			throw new HandshakeException(400, "Connection header must contain Upgrade");
		}
		String version = request.header("sec-websocket-version");
		if (!"13".equals(version)) {
			// §4.2.2: answer with the versions we speak.
			throw new HandshakeException(426, "Unsupported WebSocket version", Map.of("Sec-WebSocket-Version", "13"));
		}
		String key = request.header("sec-websocket-key");
		if (key == null || !isValidKey(key)) {
			throw new HandshakeException(400, "Sec-WebSocket-Key must be 16 bytes in base64");
		}
		return key;
	}

	private static boolean isHttp11OrLater(String version) {
		if (!version.startsWith("HTTP/") || version.length() != 8 || version.charAt(6) != '.') {
			return false;
		}
		int major = version.charAt(5) - '0';
		int minor = version.charAt(7) - '0';
		return major > 1 || (major == 1 && minor >= 1 && minor <= 9);
	}

	/** §4.1: the key is a base64-encoded 16-byte value. */
	static boolean isValidKey(String key) {
		if (key.length() != 24) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** §4.2.2: base64 of the SHA-1 of the key and the GUID. */
	public static String acceptValue(String key) {
		MessageDigest sha1 = SHA1.get();
		sha1.update(key.getBytes(StandardCharsets.ISO_8859_1));
		sha1.update(GUID);
		// digest() resets it for the next handshake on this thread.
		return Base64.getEncoder().encodeToString(sha1.digest());
	}

	/** The 101 response that completes the handshake. */
	public static byte[] switchingProtocols(String key, String subprotocol, String extensions) {
		StringBuilder response = new StringBuilder(192);
		response.append("HTTP/1.1 101 Switching Protocols\r\n")
			.append("Upgrade: websocket\r\n")
			.append("Connection: Upgrade\r\n")
			.append("Sec-WebSocket-Accept: ")
			.append(acceptValue(key))
			.append("\r\n");
		if (subprotocol != null) {
			response.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
		}
		if (extensions != null) {
			response.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
		}
		response.append("\r\n");
		return response.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** A rejection: status line, the given header fields, and the reason as a plain text body. */
	public static byte[] rejection(int status, String reason, Map<String, String> headers) {
		byte[] body = ((reason == null) ? "" : reason).getBytes(StandardCharsets.UTF_8);
		StringBuilder response = new StringBuilder(160);
		response.append("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status)).append("\r\n");
		headers.forEach((name, value) -> response.append(name).append(": ").append(withoutLineBreaks(value)).append("\r\n"));
		response.append("Content-Type: text/plain; charset=utf-8\r\n")
			.append("Content-Length: ")
			.append(body.length)
			.append("\r\n")
			.append("Connection: close\r\n\r\n");
		byte[] head = response.toString().getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
		System.arraycopy(body, 0, all, head.length, body.length);
		return all;
	}

	/** A value from application code must not end the header line early (response splitting). */
	private static String withoutLineBreaks(String value) {
		return value.replace('\r', ' ').replace('\n', ' ');
	}

	static String reasonPhrase(int status) {
		return switch (status) {
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 426 -> "Upgrade Required";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 503 -> "Service Unavailable";
			default -> "Error";
		};
	}

}
