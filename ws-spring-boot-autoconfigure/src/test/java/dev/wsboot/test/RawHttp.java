package dev.wsboot.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a hand-written request head over a plain socket and reads the status line: for upgrade
 * requests no ordinary client will send, such as one with a wrong WebSocket version.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** @return the status code of the response */
	public static int status(int port, String requestHead) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				line.append((char) b);
			}
			String[] parts = line.toString().split(" ");
			return Integer.parseInt(parts[1]);
		}
	}

	/** @return the whole response, status line, header fields and body, read until the server closes */
	public static String response(int port, String requestHead) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	/** An upgrade request for the path with the given WebSocket version. */
	public static String upgrade(String path, String version) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: " + version + "\r\n\r\n";
	}

}
