package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;

/**
 * What one measured window produced.
 * @param messagesPerSecond messages returned (echo) or delivered (broadcast) per second
 * @param latency nanoseconds from send to receipt, of messages sent inside the window
 * @param errors messages whose opcode, length or bytes differed from what was sent
 * @param serverCpuSeconds the server's CPU time inside the window, or NaN when not measured
 * @param compressedShare the share of returned messages that came compressed, or NaN when the
 * client sent none compressed
 * @param clientCpuShare how busy the load client's thread was inside the window: its CPU time over
 * the time it could have run (the window less what it waited in the run queue while other work
 * had its core); near 1 it had no time to spare, so the figure may be the client's, not the
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

	/** CPU seconds over the seconds of a window that the run queue did not take. */
	static double busyShare(double cpuSeconds, double waitSeconds, double windowSeconds) {
		return cpuSeconds / Math.max(windowSeconds - waitSeconds, cpuSeconds);
	}

	public double percentileMicros(double percentile) {
		return this.latency.getTotalCount() == 0 ? Double.NaN : this.latency.getValueAtPercentile(percentile) / 1000.0;
	}

	/** Reads the server's CPU time, and the client thread's own, at the window's edges. */
	static final class Window {

		private final java.util.function.DoubleSupplier cpuClock;

		private double startCpu = Double.NaN;

		private double endCpu = Double.NaN;

		private long startNanos;

		private long endNanos;

		private double[] startClient;

		private double[] endClient;

		Window(java.util.function.DoubleSupplier cpuClock) {
			this.cpuClock = cpuClock;
		}

		void tick(long now, long from, long to) {
			if (Double.isNaN(this.startCpu) && now >= from) {
				this.startCpu = this.cpuClock.getAsDouble();
				this.startClient = clientCpuSeconds();
				this.startNanos = System.nanoTime();
			}
			if (Double.isNaN(this.endCpu) && now >= to) {
				this.endCpu = this.cpuClock.getAsDouble();
				this.endClient = clientCpuSeconds();
				this.endNanos = System.nanoTime();
			}
		}

		double cpuSeconds() {
			return this.endCpu - this.startCpu;
		}

		/**
		 * How busy the thread that runs the load was: its CPU time over the time it could have run.
		 * Collectors and compilers share its pinned core and count as time it waited.
		 */
		double clientCpuShare() {
			if (this.endNanos <= this.startNanos || this.startClient == null || this.endClient == null) {
				return Double.NaN;
			}
			return busyShare(this.endClient[0] - this.startClient[0], this.endClient[1] - this.startClient[1],
					(this.endNanos - this.startNanos) / 1e9);
		}

		/**
		 * This thread's time on the CPU and waiting in the run queue, in seconds, from
		 * /proc/thread-self/schedstat; null where the kernel keeps no schedstat.
		 */
		private static double[] clientCpuSeconds() {
			try {
				String[] fields = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
				return new double[] { Long.parseLong(fields[0]) / 1e9, Long.parseLong(fields[1]) / 1e9 };
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

	}

	static Histogram newHistogram() {
		return new Histogram(60_000_000_000L, 3);
	}

}
