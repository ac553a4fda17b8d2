package dev.wsboot.benchmarks.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Selector;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.HdrHistogram.Histogram;

/**
 * Broadcast at a fixed rate, the way a live feed runs: {@code subscribers} connections join the
 * broadcast endpoint and the first one publishes {@code perSecond} messages a second whatever the
 * deliveries do, so latency is measured against a schedule rather than a closed loop. Optionally
 * one more subscriber never reads (a slow consumer); the report then shows whether the others
 * noticed and what the server did with it.
 */
public final class PacedBroadcastLoad {

	/** What became of the subscriber that never read; byte counts are payload bytes. */
	public record SlowConsumer(long bytesPublishedToIt, long bytesItReceived, String outcome) {
	}

	/** The other subscribers' deliveries, and the slow consumer's fate when there was one. */
	public record Result(LoadResult deliveries, SlowConsumer slow) {
	}

	private final Connector connector;

	private final FrameTemplate template;

	private final int subscribers;

	private final int perSecond;

	private final boolean slowConsumer;

	private final Histogram latency = LoadResult.newHistogram();

	private long measureFrom;

	private long measureTo;

	private long counted;

	private long published;

	private long delivered;

	public PacedBroadcastLoad(Connector connector, FrameTemplate template, int subscribers, int perSecond,
			boolean slowConsumer) {
		this.connector = connector;
		this.template = template;
		this.subscribers = subscribers;
		this.perSecond = perSecond;
		this.slowConsumer = slowConsumer;
	}

	public Result run(long warmupMillis, long measureMillis, DoubleSupplier cpuClock) throws IOException {
		LoadResult.Window cpuWindow = new LoadResult.Window(cpuClock);
		try (Selector selector = Selector.open(); Selector slowSelector = Selector.open()) {
			List<Conn> conns = this.connector.open(selector, this.subscribers, 64, 16 * 1024, 64 * 1024, 60_000);
			Conn slow = null;
			try {
				if (this.slowConsumer) {
					// It never reads until the end: its kernel buffers fill, then the server's queue.
					slow = this.connector.open(slowSelector, 1, 1, 64 * 1024, 256, 10_000).get(0);
					slow.key.interestOps(0);
				}
				MessageCheck check = new MessageCheck(this.template, this::delivered);
				BroadcastLoad.idle(selector, 300);
				Conn publisher = conns.get(0);
				long interval = 1_000_000_000L / this.perSecond;
				long start = System.nanoTime();
				this.measureFrom = start + warmupMillis * 1_000_000L;
				this.measureTo = this.measureFrom + measureMillis * 1_000_000L;
				long next = start;
				long drainUntil = this.measureTo + 3_000_000_000L;
				while (true) {
					long now = System.nanoTime();
					cpuWindow.tick(now, this.measureFrom, this.measureTo);
					if (now >= this.measureTo && (this.delivered == this.published * this.subscribers || now >= drainUntil)) {
						break;
					}
					if (now < this.measureTo && now >= next) {
						this.template.writeStamped(publisher.out, now);
						this.published++;
						publisher.flush();
						next += interval;
					}
					long waitMillis = Math.max(1, Math.min(5, (next - System.nanoTime()) / 1_000_000L));
					Frames.serviceReady(selector, waitMillis, check);
				}
				SlowConsumer fate = (slow != null) ? drain(slow) : null;
				LoadResult result = new LoadResult(this.counted * 1e3 / measureMillis, this.latency, check.errors,
						cpuWindow.cpuSeconds());
				return new Result(result, fate);
			}
			finally {
				conns.forEach(Conn::abort);
				if (slow != null) {
					slow.abort();
				}
			}
		}
	}

	/**
	 * Reads what the slow consumer was sent, for up to three seconds: a close frame or the end of
	 * the stream means the server gave up on it, as it may once its queue limit is reached.
	 */
	private SlowConsumer drain(Conn slow) throws IOException {
		long bytesPublished = this.published * this.template.size();
		long[] received = { 0 };
		String[] outcome = { null };
		Frames.Sink sink = (conn, b0, data, offset, length, mask) -> {
			if ((b0 & 0x0f) == Frames.OP_CLOSE) {
				outcome[0] = "closed by the server: " + Frames.closeStatus(data, offset, length, mask);
			}
			else {
				received[0] += length;
			}
		};
		slow.channel.configureBlocking(false);
		long until = System.nanoTime() + 3_000_000_000L;
		long quietSince = System.nanoTime();
		while (outcome[0] == null && System.nanoTime() < until) {
			long before = received[0];
			try {
				Frames.read(slow, sink);
			}
			catch (EOFException ex) {
				outcome[0] = "connection closed by the server without a close frame";
			}
			catch (IOException ex) {
				outcome[0] = "connection reset by the server (" + ex.getMessage() + ")";
			}
			if (received[0] != before) {
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > 1_000_000_000L) {
				outcome[0] = (received[0] == bytesPublished) ? "kept open, every message queued for it"
						: "kept open, some messages not delivered";
			}
			else {
				java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
			}
		}
		return new SlowConsumer(bytesPublished, received[0], (outcome[0] != null) ? outcome[0] : "still receiving after 3 s");
	}

	private void delivered(Conn conn, long stamp) {
		long now = System.nanoTime();
		this.delivered++;
		if (now >= this.measureFrom && now < this.measureTo) {
			this.counted++;
		}
		if (stamp >= this.measureFrom && stamp < this.measureTo) {
			this.latency.recordValue(Math.min(now - stamp, this.latency.getHighestTrackableValue()));
		}
	}

}
