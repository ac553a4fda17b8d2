package dev.wsboot.benchmarks.client;

import org.HdrHistogram.Histogram;

/**
 * What one measured window produced.
 * @param messagesPerSecond messages returned (echo) or delivered (broadcast) per second
 * @param latency nanoseconds from send to receipt, of messages sent inside the window
 * @param errors messages whose opcode, length or bytes differed from what was sent
 * @param serverCpuSeconds the server's CPU time inside the window, or NaN when not measured
 * @param compressedShare the share of returned messages that came compressed, or NaN when the
 * client sent none compressed
 * @param clientCpuShare the load client's own CPU time inside the window over the window's length:
 * near 1 it had no time to spare on its one core, so the figure may be the client's, not the
 * server's; NaN when not measured
 */
public record LoadResult(double messagesPerSecond, Histogram latency, long errors, double serverCpuSeconds,
		double compressedShare, double clientCpuShare) {

	public LoadResult(double messagesPerSecond, Histogram latency, long errors, double serverCpuSeconds) {
		this(messagesPerSecond, latency, errors, serverCpuSeconds, Double.NaN);
	}

	public LoadResult(double messagesPerSecond, Histogram latency, long errors, double serverCpuSeconds,
			double compressedShare) {
		this(messagesPerSecond, latency, errors, serverCpuSeconds, compressedShare, Double.NaN);
	}

	/** Messages per second of server CPU time: counted messages over the CPU time of the window. */
	public double perCpuSecond(long measureMillis) {
		return this.messagesPerSecond * measureMillis / 1e3 / this.serverCpuSeconds;
	}

	public double percentileMicros(double percentile) {
		return this.latency.getTotalCount() == 0 ? Double.NaN : this.latency.getValueAtPercentile(percentile) / 1000.0;
	}

	/** Reads the server's CPU time, and this client's own, at the window's edges. */
	static final class Window {

		private final java.util.function.DoubleSupplier cpuClock;

		private double startCpu = Double.NaN;

		private double endCpu = Double.NaN;

		private long startNanos;

		private long endNanos;

		private double startClientCpu = Double.NaN;

		private double endClientCpu = Double.NaN;

		Window(java.util.function.DoubleSupplier cpuClock) {
			this.cpuClock = cpuClock;
		}

		void tick(long now, long from, long to) {
			if (Double.isNaN(this.startCpu) && now >= from) {
				this.startCpu = this.cpuClock.getAsDouble();
				this.startClientCpu = clientCpuSeconds();
				this.startNanos = System.nanoTime();
			}
			if (Double.isNaN(this.endCpu) && now >= to) {
				this.endCpu = this.cpuClock.getAsDouble();
				this.endClientCpu = clientCpuSeconds();
				this.endNanos = System.nanoTime();
			}
		}

		double cpuSeconds() {
			return this.endCpu - this.startCpu;
		}

		/**
		 * The client JVM's CPU time over the window's length: every thread of it (GC and JIT
		 * too), all pinned to the client's one CPU, so 1 means that core had nothing to spare.
		 */
		double clientCpuShare() {
			return (this.endNanos <= this.startNanos) ? Double.NaN
					: (this.endClientCpu - this.startClientCpu) * 1e9 / (this.endNanos - this.startNanos);
		}

		/** User plus system time of this process, from /proc on Linux (10 ms ticks). */
		private static double clientCpuSeconds() {
			return ProcessHandle.current().info().totalCpuDuration().map((d) -> d.toNanos() / 1e9).orElse(Double.NaN);
		}

	}

	static Histogram newHistogram() {
		return new Histogram(60_000_000_000L, 3);
	}

}
