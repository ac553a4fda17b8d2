package dev.wsboot.engine;

/**
 * Counters of one path, summed over the endpoints that share it, read by monitoring (the
 * starter's Micrometer binder reads them as function counters). Each value is a sum the engine
 * keeps as events happen; reading one never blocks them.
 */
public interface PathStats {

	String path();

	long connectionsOpened();

	long connectionsClosed(CloseCategory category);

	long textMessagesReceived();

	long binaryMessagesReceived();

	long textMessagesSent();

	long binaryMessagesSent();

	/** Payload bytes of received messages. */
	long bytesReceived();

	/** Frame bytes queued for sending, headers included. */
	long bytesSent();

	/** Messages refused by the DROP slow client policy. */
	long messagesDropped();

}
