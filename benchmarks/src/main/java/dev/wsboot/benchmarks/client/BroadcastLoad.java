package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Broadcast fan-out: {@code subscribers} connections join the broadcast endpoint; the first one
 * also publishes, keeping at most {@code window} messages not yet delivered to everyone. Latency
 * is per delivery, from the publisher's send to each subscriber's receipt.
 */
public final class BroadcastLoad {

	private final Connector connector;

	private final FrameTemplate template;

	private final int subscribers;

	private final int window;

	private final int[] delivered;

	private final Histogram latency = LoadResult.newHistogram();

	private long published;

	private long fullyDelivered;

	private long measureFrom;

	private long measureTo;

	private long counted;

	public BroadcastLoad(Connector connector, FrameTemplate template, int subscribers, int window) {
		this.connector = connector;
		this.template = template;
		this.subscribers = subscribers;
		this.window = window;
		this.delivered = new int[window];
	}

	public LoadResult run(long warmupMillis, long measureMillis, java.util.function.DoubleSupplier cpuClock)
			throws IOException {
		LoadResult.Window cpuWindow = new LoadResult.Window(cpuClock);
		try (Selector selector = Selector.open()) {
			int frame = this.template.frameLength();
			List<Conn> conns = this.connector.open(selector, this.subscribers, 64, 16 * 1024,
					this.window * frame + 256, 30_000);
			MessageCheck check = new MessageCheck(this.template, this::delivered);
			try {
				// Servers may register a session just after sending the 101 response: let them settle.
				idle(selector, 300);
				Conn publisher = conns.get(0);
				long start = System.nanoTime();
				this.measureFrom = start + warmupMillis * 1_000_000L;
				this.measureTo = this.measureFrom + measureMillis * 1_000_000L;
				boolean sending = true;
				long drainUntil = Long.MAX_VALUE;
				publish(publisher, true);
				while (true) {
					long now = System.nanoTime();
					cpuWindow.tick(now, this.measureFrom, this.measureTo);
					if (sending && now >= this.measureTo) {
						sending = false;
						drainUntil = now + 3_000_000_000L;
					}
					if (!sending && (this.fullyDelivered == this.published || now >= drainUntil)) {
						break;
					}
					Frames.serviceReady(selector, 5, check);
					publish(publisher, sending);
				}
			}
			finally {
				conns.forEach(Conn::abort);
			}
			return new LoadResult(this.counted * 1e3 / measureMillis, this.latency, check.errors, cpuWindow.cpuSeconds(),
					Double.NaN, cpuWindow.clientCpuShare());
		}
	}

	private void publish(Conn publisher, boolean sending) throws IOException {
		boolean wrote = false;
		while (sending && this.published - this.fullyDelivered < this.window) {
			this.template.writeStamped(publisher.out, System.nanoTime());
			this.published++;
			wrote = true;
		}
		if (wrote) {
			publisher.flush();
		}
	}

	private void delivered(Conn conn, long stamp) {
		long now = System.nanoTime();
		long index = conn.received++;
		int slot = (int) (index % this.window);
		this.delivered[slot]++;
		while (this.delivered[(int) (this.fullyDelivered % this.window)] == this.subscribers) {
			this.delivered[(int) (this.fullyDelivered % this.window)] = 0;
			this.fullyDelivered++;
		}
		if (now >= this.measureFrom && now < this.measureTo) {
			this.counted++;
		}
		if (stamp >= this.measureFrom && now < this.measureTo) {
			this.latency.recordValue(Math.min(now - stamp, this.latency.getHighestTrackableValue()));
		}
	}

	/** Lets time pass without reading: servers may register a session just after their 101 response. */
	static void idle(Selector selector, long millis) throws IOException {
		long until = System.nanoTime() + millis * 1_000_000L;
		while (System.nanoTime() < until) {
			selector.select(10);
			selector.selectedKeys().clear();
		}
	}

}
