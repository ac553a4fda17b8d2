package dev.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bytes in and bytes out of one socket, below the WebSocket framing: plain TCP, or TLS over it.
 * {@link Connection} calls it once per read and once per batch of frames written, on the loop
 * thread only, and passes the loop's shared buffers, which the transport must not keep.
 * Internal API.
 */
public interface Transport {

	/**
	 * Reads what has arrived and puts the application bytes into {@code dst}.
	 * @return the bytes put into {@code dst}, 0 if none are ready yet, -1 once the peer ended its
	 * side
	 */
	int read(ByteBuffer dst) throws IOException;

	/**
	 * Takes as many application bytes from {@code src} as the socket accepts now.
	 * @return the bytes taken from {@code src}; a transport that {@link #keepsBacklog() keeps a
	 * backlog} may have taken bytes that still wait in it
	 */
	int write(ByteBuffer src) throws IOException;

	/**
	 * Whether this transport may keep bytes of its own between calls. Plain TCP never does, so the
	 * connection never asks it about a backlog; TLS does (records the socket did not take).
	 */
	boolean keepsBacklog();

	/** Whether bytes of the transport's own still wait for the socket. */
	boolean hasBacklog();

	/**
	 * Writes the backlog as far as the socket takes it.
	 * @return whether nothing is left
	 */
	boolean flushBacklog() throws IOException;

	/** Whether the transport's own handshake (TLS) has not finished yet. */
	boolean isHandshaking();

	/** Ends our side: the transport's closing message, if it has one, then a TCP FIN. */
	void shutdownOutput() throws IOException;

	/** Closes the socket, first sending the transport's closing message if it has one. */
	void close() throws IOException;

}
