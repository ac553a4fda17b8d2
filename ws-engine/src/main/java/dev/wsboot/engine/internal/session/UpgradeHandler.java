package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.net.ssl.SSLException;

import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.TimeoutConfig;
import dev.wsboot.engine.internal.protocol.Handshake;
import dev.wsboot.engine.internal.protocol.HandshakeException;
import dev.wsboot.engine.internal.protocol.HttpRequest;
import dev.wsboot.engine.internal.protocol.HttpRequestParser;
import dev.wsboot.engine.internal.session.HandshakeDecision.Accept;
import dev.wsboot.engine.internal.session.HandshakeDecision.Reject;
import dev.wsboot.engine.internal.transport.Connection;
import dev.wsboot.engine.internal.transport.ConnectionHandler;

/**
 * The upgrade phase of a connection (RFC 6455 §4): reads the HTTP request, asks the
 * {@link HandshakeProcessor} for a decision, and then either answers with an HTTP error and
 * closes, or hands the connection over to a {@link SessionProtocol} along with the bytes that
 * came behind the request. Every method runs on the connection's I/O thread.
 */
final class UpgradeHandler implements ConnectionHandler {

	private static final System.Logger logger = System.getLogger(UpgradeHandler.class.getName());

	private enum State {

		/** Reading the upgrade request. */
		READING,

		/** The processor is deciding; reading is paused. */
		DECIDING,

		/** Rejected with an HTTP status; waiting for the response to leave. */
		REJECTED,

		/** Handed over to the session protocol, or closed. */
		DONE

	}

	private final ServerRuntime server;

	private final Connection connection;

	private final long createdAt = System.nanoTime();

	private State state = State.READING;

	private @Nullable HttpRequestParser requestParser;

	/** Bytes that arrived behind the upgrade request while the processor decides. */
	private byte @Nullable [] pendingInput;

	private long rejectedAt;

	private final PendingHandshakes pending;

	private final PendingHandshakes.Entry pendingEntry = new PendingHandshakes.Entry(this);

	/** Runs on the connection's I/O thread, as the acceptor hands the connection over. */
	UpgradeHandler(ServerRuntime server, Connection connection, PendingHandshakes pending) {
		this.server = server;
		this.connection = connection;
		this.requestParser = new HttpRequestParser(server.config().limits().maxHandshakeSize());
		this.pending = pending;
		UpgradeHandler oldest = pending.join(this.pendingEntry);
		if (oldest != null) {
			oldest.dropForNewcomer();
		}
	}

	/** More upgrades are pending than allowed and this one is the oldest: close it, without an answer. */
	void dropForNewcomer() {
		this.server.stats().rejected(HandshakeRejection.PENDING_LIMIT);
		logger.log(Level.DEBUG, () -> "Dropped the pending upgrade from " + this.connection.remoteAddress()
				+ ": over the limit of pending upgrades");
		this.connection.close(null);
	}

	@Override
	public void onRead(ByteBuffer data) {
		switch (this.state) {
			case READING -> readRequest(data);
			case DECIDING -> stash(data);
			default -> data.position(data.limit());
		}
	}

	private void readRequest(ByteBuffer data) {
		HttpRequest request;
		try {
			request = this.requestParser.parse(data);
		}
		catch (HandshakeException ex) {
			reject(new Reject(ex, (ex.status() == 431) ? HandshakeRejection.TOO_LARGE : HandshakeRejection.BAD_REQUEST));
			return;
		}
		if (request == null) {
			return;
		}
		this.requestParser = null;
		this.state = State.DECIDING;
		stash(data);
		this.server.handshakes().decide(request, this.connection.remoteAddress()).thenAccept((decision) -> {
			if (this.connection.loop().inLoop()) {
				apply(decision);
			}
			else {
				this.connection.loop().execute(() -> apply(decision));
			}
		});
		if (this.state == State.DECIDING) {
			this.connection.pauseReading();
		}
	}

	private void stash(ByteBuffer data) {
		if (!data.hasRemaining()) {
			return;
		}
		int at = (this.pendingInput == null) ? 0 : this.pendingInput.length;
		this.pendingInput = (this.pendingInput == null) ? new byte[data.remaining()]
				: Arrays.copyOf(this.pendingInput, at + data.remaining());
		data.get(this.pendingInput, at, data.remaining());
	}

	private void apply(HandshakeDecision decision) {
		if (decision instanceof Reject rejection) {
			reject(rejection);
		}
		else if (decision instanceof Accept accept) {
			if (this.state != State.DECIDING || this.connection.isClosed()) {
				// The connection timed out or closed while interceptors ran: nothing holds the slot.
				this.server.sessions().release(HandshakeProcessor.address(accept.handshake().remoteAddress()));
				return;
			}
			this.state = State.DONE;
			this.pending.leave(this.pendingEntry);
			byte[] pending = this.pendingInput;
			this.pendingInput = null;
			SessionProtocol protocol = SessionProtocol.open(this.server, this.connection, accept);
			this.connection.handOver(protocol);
			// Resume before replaying the frames that came with the request: if they fill the
			// handler's inbox, the pause they cause must hold instead of being undone here.
			this.connection.resumeReading();
			if (pending != null) {
				protocol.onRead(ByteBuffer.wrap(pending));
			}
		}
	}

	/** Answers the upgrade with an HTTP error and closes once it is written. */
	private void reject(Reject rejection) {
		if (this.state != State.READING && this.state != State.DECIDING) {
			return;
		}
		HandshakeException answer = rejection.answer();
		this.server.stats().rejected(rejection.reason());
		logger.log(Level.DEBUG, () -> "Rejected upgrade from " + this.connection.remoteAddress() + " with "
				+ answer.status() + ": " + answer.getMessage());
		this.state = State.REJECTED;
		this.pending.leave(this.pendingEntry);
		this.pendingInput = null;
		this.requestParser = null;
		this.rejectedAt = System.nanoTime();
		this.connection.enqueue(Handshake.rejection(answer.status(), answer.getMessage(), answer.headers()));
		this.connection.resumeReading();
		this.connection.shutdownOutputAfterFlush();
	}

	@Override
	public void onEndOfInput() {
		this.connection.close(null);
	}

	@Override
	public void onTick(long now) {
		TimeoutConfig config = this.server.config().timeouts();
		if (this.state == State.REJECTED) {
			if (now - this.rejectedAt > config.closeTimeout().toNanos()) {
				this.connection.close(null);
			}
			return;
		}
		if (now - this.createdAt <= config.handshakeTimeout().toNanos()) {
			return;
		}
		if (this.connection.isTransportHandshaking()) {
			// No HTTP answer can be sent before TLS is up (RFC 6455 §4.1 runs inside it).
			logger.log(Level.DEBUG, () -> "TLS handshake timeout on " + this.connection.remoteAddress());
			this.server.stats().rejected(HandshakeRejection.TLS);
			this.connection.close(null);
		}
		else if (this.state == State.READING) {
			reject(new Reject(408, "Handshake timeout", HandshakeRejection.TIMEOUT));
		}
		else {
			this.connection.close(null);
		}
	}

	@Override
	public void onClosed(Throwable cause) {
		if (this.state == State.READING && cause instanceof SSLException) {
			this.server.stats().rejected(HandshakeRejection.TLS);
		}
		this.state = State.DONE;
		this.pending.leave(this.pendingEntry);
		if (cause != null) {
			logger.log(Level.DEBUG, () -> "Connection from " + this.connection.remoteAddress()
					+ " closed by I/O error during the upgrade: " + cause);
		}
	}

}
