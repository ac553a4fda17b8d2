package dev.wsboot.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one endpoint, updated by the engine as events happen and read by monitoring (the
 * starter's Micrometer binder reads them as function counters). Each connection holds a reference
 * to its endpoint's stats, so counting a message is one uncontended add, never a lookup.
 */
public final class EndpointStats {

	private final String path;

	private final LongAdder opened = new LongAdder();

	private final LongAdder[] closed = newAdders(CloseCategory.values().length);

	private final LongAdder textReceived = new LongAdder();

	private final LongAdder binaryReceived = new LongAdder();

	private final LongAdder textSent = new LongAdder();

	private final LongAdder binarySent = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	EndpointStats(String path) {
		this.path = path;
	}

	private static LongAdder[] newAdders(int count) {
		LongAdder[] adders = new LongAdder[count];
		for (int i = 0; i < count; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	public String path() {
		return this.path;
	}

	public long connectionsOpened() {
		return this.opened.sum();
	}

	public long connectionsClosed(CloseCategory category) {
		return this.closed[category.ordinal()].sum();
	}

	public long textMessagesReceived() {
		return this.textReceived.sum();
	}

	public long binaryMessagesReceived() {
		return this.binaryReceived.sum();
	}

	public long textMessagesSent() {
		return this.textSent.sum();
	}

	public long binaryMessagesSent() {
		return this.binarySent.sum();
	}

	/** Payload bytes of received messages. */
	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	/** Frame bytes queued for sending, headers included. */
	public long bytesSent() {
		return this.bytesSent.sum();
	}

	/** Messages refused by the DROP slow client policy. */
	public long messagesDropped() {
		return this.dropped.sum();
	}

	void opened() {
		this.opened.increment();
	}

	void closed(CloseCategory category) {
		this.closed[category.ordinal()].increment();
	}

	void received(boolean text, int bytes) {
		(text ? this.textReceived : this.binaryReceived).increment();
		this.bytesReceived.add(bytes);
	}

	void sent(boolean text, int frameBytes) {
		(text ? this.textSent : this.binarySent).increment();
		this.bytesSent.add(frameBytes);
	}

	void dropped() {
		this.dropped.increment();
	}

}
