package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Echo load: every connection keeps {@code depth} messages in flight (1 = request/response,
 * more = pipelined), sends the next as soon as one returns, and checks each returned message.
 */
public final class EchoLoad {

	private final Connector connector;

	private final FrameTemplate template;

	private final int connections;

	private final int depth;

	private final Histogram latency = LoadResult.newHistogram();

	private long measureFrom;

	private long measureTo;

	private long counted;

	private boolean sending = true;

	private long inflight;

	public EchoLoad(Connector connector, FrameTemplate template, int connections, int depth) {
		this.connector = connector;
		this.template = template;
		this.connections = connections;
		this.depth = depth;
	}

	public LoadResult run(long warmupMillis, long measureMillis, java.util.function.DoubleSupplier cpuClock)
			throws IOException {
		LoadResult.Window cpuWindow = new LoadResult.Window(cpuClock);
		try (Selector selector = Selector.open()) {
			int frame = this.template.frameLength();
			List<Conn> conns = this.connector.open(selector, this.connections, 64, Math.max(16 * 1024, frame + 64),
					this.depth * frame + 256, 30_000);
			MessageCheck check = new MessageCheck(this.template, this::returned);
			try {
				long start = System.nanoTime();
				this.measureFrom = start + warmupMillis * 1_000_000L;
				this.measureTo = this.measureFrom + measureMillis * 1_000_000L;
				for (Conn conn : conns) {
					refill(conn);
					conn.flush();
				}
				long drainUntil = Long.MAX_VALUE;
				while (true) {
					long now = System.nanoTime();
					cpuWindow.tick(now, this.measureFrom, this.measureTo);
					if (this.sending && now >= this.measureTo) {
						this.sending = false;
						drainUntil = now + 3_000_000_000L;
					}
					if (!this.sending && (this.inflight == 0 || now >= drainUntil)) {
						break;
					}
					Frames.serviceReady(selector, 5, check, this::refill);
				}
			}
			finally {
				conns.forEach(Conn::abort);
			}
			return new LoadResult(this.counted * 1e3 / measureMillis, this.latency, check.errors, cpuWindow.cpuSeconds(),
					check.compressedShare(), cpuWindow.clientCpuShare());
		}
	}

	private void refill(Conn conn) {
		while (this.sending && conn.inflight < this.depth) {
			this.template.writeStamped(conn.out, System.nanoTime());
			conn.inflight++;
			this.inflight++;
		}
	}

	private void returned(Conn conn, long stamp) {
		long now = System.nanoTime();
		conn.inflight--;
		this.inflight--;
		if (now >= this.measureFrom && now < this.measureTo) {
			this.counted++;
		}
		if (stamp >= this.measureFrom && now < this.measureTo) {
			this.latency.recordValue(Math.min(now - stamp, this.latency.getHighestTrackableValue()));
		}
	}

}
