package dev.wsboot.test;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

import dev.wsboot.test.WsTestConnection.Close;

/**
 * What the JDK's WebSocket tells one {@link WsTestConnection}: fragments joined into whole
 * messages for its inbox, pongs, and the close. Called by the JDK's thread, one call at a time.
 */
final class ConnectionListener implements WebSocket.Listener {

	private final Inbox inbox;

	private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

	private final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	ConnectionListener(Inbox inbox) {
		this.inbox = inbox;
	}

	BlockingQueue<byte[]> pongs() {
		return this.pongs;
	}

	/** Completed by the server's close frame, or by the error that ended the connection. */
	CompletableFuture<Close> closed() {
		return this.closed;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.inbox.add(this.text.toString());
			this.text.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] part = new byte[data.remaining()];
		data.get(part);
		this.binary.writeBytes(part);
		if (last) {
			this.inbox.add(this.binary.toByteArray());
			this.binary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		byte[] payload = new byte[message.remaining()];
		message.get(payload);
		this.pongs.add(payload);
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(new Close(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(new Close(1006, String.valueOf(error)));
	}

}
