package dev.wsboot.benchmarks.client;

import java.nio.charset.StandardCharsets;

/**
 * What a broadcast server expects on top of RFC 6455: the upgrade path, what the client says once
 * open before it is a subscriber, and the envelope around each message, which the server carries
 * unchanged from the publisher to every subscriber.
 */
public enum Dialect {

	/** Plain WebSocket messages: wsboot's {@code /broadcast}. */
	PLAIN("/broadcast", "", 0, "", ""),

	/**
	 * Socket.IO 4 over Engine.IO 4 with the WebSocket transport from the start: the server opens
	 * with an Engine.IO open packet ({@code 0{...}}), the client connects to the main namespace
	 * ({@code 40}), the server confirms ({@code 40{...}}). An event {@code m} with one string
	 * argument is the text message {@code 42["m","..."]}.
	 */
	SOCKET_IO("/socket.io/?EIO=4&transport=websocket", "40", 2, "42[\"m\",\"", "\"]");

	private final String path;

	private final byte[] hello;

	private final int helloReplies;

	private final String head;

	private final String tail;

	Dialect(String path, String hello, int helloReplies, String head, String tail) {
		this.path = path;
		this.hello = hello.getBytes(StandardCharsets.US_ASCII);
		this.helloReplies = helloReplies;
		this.head = head;
		this.tail = tail;
	}

	public String path() {
		return this.path;
	}

	/** The message each client sends once open; empty when there is none. */
	byte[] hello() {
		return this.hello;
	}

	/** Messages the server sends each client before it is subscribed. */
	int helloReplies() {
		return this.helloReplies;
	}

	/** A text template of {@code size} payload bytes (timestamp included) inside this envelope. */
	public FrameTemplate template(int size) {
		return new FrameTemplate(this.head, size, this.tail);
	}

}
