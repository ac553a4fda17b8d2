package dev.wsboot.cluster;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * What crossed the backplane, counted by the backplane; metrics read it. Thread-safe.
 */
public final class ClusterStats {

	private final LongAdder published = new LongAdder();

	private final LongAdder publishFailed = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final LongAdder unreadable = new LongAdder();

	private volatile LongConsumer deliveryMicros = (micros) -> {
	};

	public void published() {
		this.published.increment();
	}

	public void publishFailed() {
		this.publishFailed.increment();
	}

	/**
	 * @param publishedMicros when the message was published, in microseconds of the epoch
	 */
	public void received(long publishedMicros) {
		this.received.increment();
		this.deliveryMicros.accept(Math.max(0, ClusterMessage.nowMicros() - publishedMicros));
	}

	public void unreadable() {
		this.unreadable.increment();
	}

	public long publishedCount() {
		return this.published.sum();
	}

	public long publishFailedCount() {
		return this.publishFailed.sum();
	}

	public long receivedCount() {
		return this.received.sum();
	}

	public long unreadableCount() {
		return this.unreadable.sum();
	}

	/** Where each message's time from publish to receipt goes, for a timer. */
	public void onDelivery(LongConsumer deliveryMicros) {
		this.deliveryMicros = deliveryMicros;
	}

}
