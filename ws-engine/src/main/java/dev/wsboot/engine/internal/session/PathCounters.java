package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.PathStats;
import dev.wsboot.engine.CloseCategory;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one endpoint, updated by the engine as events happen and read by monitoring (the
 * starter's Micrometer binder reads them as function counters). Each connection holds a reference
 * to its endpoint's stats, so counting a message is one uncontended add, never a lookup.
 */
final class PathCounters implements PathStats {

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

	public PathCounters(String path) {
		this.path = path;
	}

	private static LongAdder[] newAdders(int count) {
		LongAdder[] adders = new LongAdder[count];
		for (int i = 0; i < count; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	@Override
	public String path() {
		return this.path;
	}

	@Override
	public long connectionsOpened() {
		return this.opened.sum();
	}

	@Override
	public long connectionsClosed(CloseCategory category) {
		return this.closed[category.ordinal()].sum();
	}

	@Override
	public long textMessagesReceived() {
		return this.textReceived.sum();
	}

	@Override
	public long binaryMessagesReceived() {
		return this.binaryReceived.sum();
	}

	@Override
	public long textMessagesSent() {
		return this.textSent.sum();
	}

	@Override
	public long binaryMessagesSent() {
		return this.binarySent.sum();
	}

	/** Payload bytes of received messages. */
	@Override
	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	/** Frame bytes queued for sending, headers included. */
	@Override
	public long bytesSent() {
		return this.bytesSent.sum();
	}

	/** Messages refused by the DROP slow client policy. */
	@Override
	public long messagesDropped() {
		return this.dropped.sum();
	}

	public void opened() {
		this.opened.increment();
	}

	public void closed(CloseCategory category) {
		this.closed[category.ordinal()].increment();
	}

	public void received(boolean text, int bytes) {
		(text ? this.textReceived : this.binaryReceived).increment();
		this.bytesReceived.add(bytes);
	}

	public void sent(boolean text, int frameBytes) {
		(text ? this.textSent : this.binarySent).increment();
		this.bytesSent.add(frameBytes);
	}

	public void dropped() {
		this.dropped.increment();
	}

}
