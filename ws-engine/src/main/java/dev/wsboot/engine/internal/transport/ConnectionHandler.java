package dev.wsboot.engine.internal.transport;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Connection} reports to the protocol above it. Every method runs on the
 * connection's I/O thread. Internal API.
 */
public interface ConnectionHandler {

	/**
	 * Bytes arrived. They are in the I/O thread's shared buffer: consume or copy them before
	 * returning.
	 */
	void onRead(ByteBuffer data);

	/** The peer closed its side of the TCP connection. */
	void onEndOfInput();

	/** The write queue drained to the mark asked for with {@link Connection#notifyWhenDrained(long)}. */
	default void onDrained() {
	}

	/** The I/O thread's periodic timer tick: check deadlines. */
	void onTick(long nowNanos);

	/**
	 * The socket is closed; called exactly once.
	 * @param cause the I/O error that closed it, or null for a deliberate close
	 */
	void onClosed(@Nullable Throwable cause);

}
