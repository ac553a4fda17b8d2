package dev.wsboot.benchmarks.harness;

import java.io.IOException;

/**
 * Load on a freshly started server until its JIT compilers are done with the hot paths: a JVM
 * measured while C2 still compiles is measured half interpreted, and the compiler's CPU time,
 * spent on the server's one core, counts against it. A fixed time does not do: on a shared
 * machine a server gets only part of its core, so it needs more wall-clock time to get as far.
 * This is what made Netty look three times slower than it is (docs/benchmarks/netty.md).
 */
public final class Warmup {

	/** Length of one slice of load; the stopping rule is checked between slices. */
	public static final long SLICE_MILLIS = 1000;

	/**
	 * The compilers count as quiet when they used less than this share of the server's CPU over
	 * the last {@link #SPAN_CPU_SECONDS}. Netty's took over half in its first seconds, then 3 to
	 * 10% (late compilations, deoptimizations) for as long as it ran: the line lies between.
	 */
	public static final double QUIET_JIT_SHARE = 0.10;

	/**
	 * Server CPU time one judgement covers: at least this much, however many slices it takes, so
	 * that a server that gets little of its core is not judged on a few 10 ms clock ticks.
	 */
	public static final double SPAN_CPU_SECONDS = 0.5;

	/** No server is warmed for longer: a JVM that compiles for ever is measured as it is. */
	public static final long MAX_MILLIS = 30_000;

	/** One kind of load, run for a slice. */
	public interface Load {

		void run(long millis) throws IOException;

	}

	/** One slice of load, the n-th since the start. */
	public interface Slice {

		void run(int n, long millis) throws IOException;

	}

	/**
	 * What the warm-up took.
	 * @param jitShare the compilers' share of the server's CPU in the last span judged, NaN if none
	 */
	public record Outcome(long millis, double jitShare, boolean quiet) {

		@Override
		public String toString() {
			return String.format("%.1f s, JIT %.0f%% of the server's last %.1f CPU-s%s", this.millis / 1e3,
					this.jitShare * 100, SPAN_CPU_SECONDS, this.quiet ? "" : " (not quiet: stopped at the limit)");
		}

	}

	private Warmup() {
	}

	/**
	 * Runs slices of load for at least {@code minMillis} and at least {@code minSlices} slices, then
	 * until a span in which the JIT compilers were quiet (the first span for a server that is not a
	 * JVM), at most {@link #MAX_MILLIS}.
	 * @param minSlices at least one slice of each kind of load: quiet compilers say nothing of a path
	 * no slice has taken yet (the 64 KiB echo, last of eight, was compiled for the first time in its
	 * own measured window)
	 */
	public static Outcome run(ServerProcess server, long minMillis, int minSlices, Slice slice) throws IOException {
		long start = System.nanoTime();
		int n = 0;
		double cpuFrom = server.cpuSeconds();
		double jitFrom = server.jitCpuSeconds();
		double share = Double.NaN;
		while (true) {
			slice.run(n++, SLICE_MILLIS);
			double cpu = server.cpuSeconds() - cpuFrom;
			if (cpu >= SPAN_CPU_SECONDS) {
				double jit = server.jitCpuSeconds();
				share = (jit - jitFrom) / cpu;
				cpuFrom += cpu;
				jitFrom = jit;
			}
			long millis = (System.nanoTime() - start) / 1_000_000;
			boolean quiet = share < QUIET_JIT_SHARE;
			if ((millis >= minMillis && n >= minSlices && quiet) || millis >= MAX_MILLIS) {
				return new Outcome(millis, share, quiet);
			}
		}
	}

}
