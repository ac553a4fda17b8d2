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
 */
public record LoadResult(double messagesPerSecond, Histogram latency, long errors, double serverCpuSeconds,
		double compressedShare) {

	public LoadResult(double messagesPerSecond, Histogram latency, long errors, double serverCpuSeconds) {
		this(messagesPerSecond, latency, errors, serverCpuSeconds, Double.NaN);
	}

	/** Messages per second of server CPU time: counted messages over the CPU time of the window. */
	public double perCpuSecond(long measureMillis) {
		return this.messagesPerSecond * measureMillis / 1e3 / this.serverCpuSeconds;
	}

	public double percentileMicros(double percentile) {
		return this.latency.getTotalCount() == 0 ? Double.NaN : this.latency.getValueAtPercentile(percentile) / 1000.0;
	}

	/** Reads the server's CPU time at the window's edges. */
	static final class Window {

		private final java.util.function.DoubleSupplier cpuClock;

		private double startCpu = Double.NaN;

		private double endCpu = Double.NaN;

		Window(java.util.function.DoubleSupplier cpuClock) {
			this.cpuClock = cpuClock;
		}

		void tick(long now, long from, long to) {
			if (Double.isNaN(this.startCpu) && now >= from) {
				this.startCpu = this.cpuClock.getAsDouble();
			}
			if (Double.isNaN(this.endCpu) && now >= to) {
				this.endCpu = this.cpuClock.getAsDouble();
			}
		}

		double cpuSeconds() {
			return this.endCpu - this.startCpu;
		}

	}

	static Histogram newHistogram() {
		return new Histogram(60_000_000_000L, 3);
	}

}
