package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.HdrHistogram.Histogram;

/**
 * Broadcast through a cluster: {@code perNode} subscribers connect to each node, and the first
 * subscriber of the first node publishes. Every node delivers to its own subscribers, the others
 * what reached them through the backplane. Either paced (a fixed number of messages a second
 * whatever the deliveries do, so latency is measured against a schedule) or flat out (at most
 * {@code window} messages' worth of deliveries outstanding, for deliveries per CPU-second).
 * Latency runs from the publisher's send to each receipt and is kept apart for the first node
 * (local delivery) and the others (through the backplane). A delivery that has not arrived when
 * the load stops waiting counts with the latency it had reached by then, a lower bound, so that a
 * saturated cluster cannot look fast by delivering only its early messages.
 */
public final class ClusterBroadcastLoad {

	/**
	 * One measured window.
	 * @param deliveriesPerSecond deliveries received inside the window, per second
	 * @param local latency of the first node's deliveries, of messages published inside the window
	 * @param remote the same for the other nodes' deliveries
	 * @param published messages published, warm-up included
	 * @param missing deliveries of those messages that had not arrived when the load stopped waiting;
	 * when there are any, the latencies are lower bounds
	 * @param cpuSeconds CPU time of each measured process inside the window, in the clocks' order
	 */
	public record Result(double deliveriesPerSecond, Histogram local, Histogram remote, long published, long missing,
			long errors, double[] cpuSeconds) {

		/** A percentile of {@code histogram} in microseconds; NaN when it is empty. */
		public static double micros(Histogram histogram, double percentile) {
			return (histogram.getTotalCount() == 0) ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
		}

	}

	private final List<Connector> nodes;

	private final Dialect dialect;

	private final FrameTemplate template;

	private final int perNode;

	private final int perSecond;

	private final int window;

	private final Histogram local = LoadResult.newHistogram();

	private final Histogram remote = LoadResult.newHistogram();

	private long measureFrom;

	private long measureTo;

	private long counted;

	private long published;

	private long delivered;

	private long errors;

	/** Each published message's timestamp, by publication order. */
	private long[] stamps = new long[1024];

	private ClusterBroadcastLoad(List<Connector> nodes, Dialect dialect, int size, int perNode, int perSecond,
			int window) {
		this.nodes = nodes;
		this.dialect = dialect;
		this.template = dialect.template(size);
		this.perNode = perNode;
		this.perSecond = perSecond;
		this.window = window;
	}

	/** {@code perSecond} messages of {@code size} payload bytes a second. */
	public static ClusterBroadcastLoad paced(List<Connector> nodes, Dialect dialect, int size, int perNode,
			int perSecond) {
		return new ClusterBroadcastLoad(nodes, dialect, size, perNode, perSecond, 0);
	}

	/** As fast as the cluster delivers, {@code window} messages' worth of deliveries outstanding. */
	public static ClusterBroadcastLoad flatOut(List<Connector> nodes, Dialect dialect, int size, int perNode,
			int window) {
		return new ClusterBroadcastLoad(nodes, dialect, size, perNode, 0, window);
	}

	public Result run(long warmupMillis, long measureMillis, List<DoubleSupplier> cpuClocks) throws IOException {
		List<LoadResult.Window> cpu = cpuClocks.stream().map(LoadResult.Window::new).toList();
		try (Selector selector = Selector.open()) {
			List<Conn> conns = new ArrayList<>();
			try {
				for (int node = 0; node < this.nodes.size(); node++) {
					for (Conn conn : this.nodes.get(node).open(selector, this.perNode, 64, 16 * 1024, 64 * 1024, 60_000)) {
						conn.node = node;
						conns.add(conn);
					}
				}
				hello(selector, conns);
				BroadcastLoad.idle(selector, 300);
				publish(selector, conns, warmupMillis, measureMillis, cpu);
			}
			finally {
				conns.forEach(Conn::abort);
			}
		}
		double[] cpuSeconds = cpu.stream().mapToDouble(LoadResult.Window::cpuSeconds).toArray();
		long missing = this.published * this.nodes.size() * this.perNode - this.delivered;
		return new Result(this.counted * 1e3 / measureMillis, this.local, this.remote, this.published, missing,
				this.errors, cpuSeconds);
	}

	private void publish(Selector selector, List<Conn> conns, long warmupMillis, long measureMillis,
			List<LoadResult.Window> cpu) throws IOException {
		MessageCheck check = new MessageCheck(this.template, this::delivered);
		Conn publisher = conns.get(0);
		long subscribers = conns.size();
		long interval = (this.perSecond > 0) ? 1_000_000_000L / this.perSecond : 0;
		long start = System.nanoTime();
		this.measureFrom = start + warmupMillis * 1_000_000L;
		this.measureTo = this.measureFrom + measureMillis * 1_000_000L;
		long drainUntil = this.measureTo + 3_000_000_000L;
		long next = start;
		while (true) {
			long now = System.nanoTime();
			for (LoadResult.Window window : cpu) {
				window.tick(now, this.measureFrom, this.measureTo);
			}
			if (now >= this.measureTo && (this.delivered == this.published * subscribers || now >= drainUntil)) {
				break;
			}
			boolean wrote = false;
			if (interval > 0) {
				if (now < this.measureTo && now >= next) {
					stamp(publisher, now);
					next += interval;
					wrote = true;
				}
			}
			else {
				while (now < this.measureTo && (this.published - this.window) * subscribers < this.delivered) {
					stamp(publisher, System.nanoTime());
					wrote = true;
				}
			}
			if (wrote) {
				publisher.flush();
			}
			long waitMillis = (interval > 0) ? Math.max(1, Math.min(5, (next - System.nanoTime()) / 1_000_000L)) : 5;
			Frames.serviceReady(selector, waitMillis, check);
		}
		this.errors = check.errors;
		countMissing(conns);
	}

	private void stamp(Conn publisher, long now) {
		if (this.published == this.stamps.length) {
			this.stamps = Arrays.copyOf(this.stamps, this.stamps.length * 2);
		}
		this.stamps[(int) this.published++] = now;
		this.template.writeStamped(publisher.out, now);
	}

	/**
	 * Records what each connection still lacks at the latency it has reached now. A connection
	 * receives the messages in publication order, so it lacks those after the last it received.
	 */
	private void countMissing(List<Conn> conns) {
		long now = System.nanoTime();
		for (Conn conn : conns) {
			Histogram histogram = (conn.node == 0) ? this.local : this.remote;
			for (long i = conn.received; i < this.published; i++) {
				long stamp = this.stamps[(int) i];
				if (stamp >= this.measureFrom && stamp < this.measureTo) {
					histogram.recordValue(Math.min(now - stamp, histogram.getHighestTrackableValue()));
				}
			}
		}
	}

	/** Says the dialect's hello on every connection and waits for the server's replies to it. */
	private void hello(Selector selector, List<Conn> conns) throws IOException {
		int replies = this.dialect.helloReplies();
		if (replies == 0) {
			return;
		}
		for (Conn conn : conns) {
			Frames.text(conn.out, this.dialect.hello());
			conn.flush();
		}
		int[] ready = { 0 };
		Frames.Sink sink = (conn, b0, data, offset, length, mask) -> {
			if ((b0 & 0x0f) == Frames.OP_CLOSE) {
				throw new IOException("Closed before subscribing: " + Frames.closeStatus(data, offset, length, mask));
			}
			if (++conn.received == replies) {
				ready[0]++;
			}
		};
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (ready[0] < conns.size()) {
			if (System.nanoTime() > deadline) {
				throw new IOException(ready[0] + " of " + conns.size() + " connections answered the hello in 30 s");
			}
			Frames.serviceReady(selector, 10, sink);
		}
		conns.forEach((conn) -> conn.received = 0);
	}

	private void delivered(Conn conn, long stamp) {
		long now = System.nanoTime();
		conn.received++;
		this.delivered++;
		if (now >= this.measureFrom && now < this.measureTo) {
			this.counted++;
		}
		if (stamp >= this.measureFrom && stamp < this.measureTo) {
			Histogram histogram = (conn.node == 0) ? this.local : this.remote;
			histogram.recordValue(Math.min(now - stamp, histogram.getHighestTrackableValue()));
		}
	}

}
