package dev.wsboot.engine.internal.transport;

/** What a connection does once its final frame is written. Internal API. */
public enum AfterFinalFrame {

	/** Keep reading: the peer answers (our close frame went first, RFC 6455 §7.1.2). */
	KEEP_OPEN,

	/** Send FIN and read until the peer closes, so it reads the frame instead of a reset. */
	SHUTDOWN_OUTPUT,

	/** Close the socket (the server closes the TCP connection first, RFC 6455 §7.1.1). */
	CLOSE

}
