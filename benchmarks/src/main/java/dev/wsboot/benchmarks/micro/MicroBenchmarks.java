package dev.wsboot.benchmarks.micro;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the protocol micro-benchmarks through JMH's API and renders their results. Each benchmark
 * and size runs in one forked JVM, which inherits this JVM's class path and CPU affinity. JMH's
 * progress goes to standard error, so that {@link #main} prints only the table on standard output.
 * Arguments of {@link #main}: {@code [--quick|--full]}, quick by default.
 */
public final class MicroBenchmarks {

	private static final List<Class<?>> BENCHMARKS = List.of(MaskingBenchmark.class, Utf8ValidationBenchmark.class,
			FrameDecodingBenchmark.class, CompressionBenchmark.class);

	private MicroBenchmarks() {
	}

	public static void main(String[] args) {
		boolean quick = true;
		for (String arg : args) {
			switch (arg) {
				case "--quick" -> quick = true;
				case "--full" -> quick = false;
				default -> throw new IllegalArgumentException("Unknown argument " + arg);
			}
		}
		System.out.print(markdown(run(quick)));
	}

	/**
	 * Runs every benchmark at every size, 34 forks: under a minute when {@code quick}, about five
	 * minutes otherwise. Quick runs measure two iterations, too few for JMH to give an error.
	 * @return the results, by benchmark then size
	 * @throws IllegalStateException if JMH cannot run or a benchmark fails
	 */
	public static List<MicroResult> run(boolean quick) {
		ChainedOptionsBuilder options = new OptionsBuilder().mode(Mode.Throughput)
			.timeUnit(TimeUnit.SECONDS)
			.forks(1)
			.jvmArgs("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC")
			.shouldFailOnError(true);
		for (Class<?> benchmark : BENCHMARKS) {
			options.include(Pattern.quote(benchmark.getName() + "."));
		}
		if (quick) {
			options.warmupIterations(1)
				.warmupTime(TimeValue.milliseconds(300))
				.measurementIterations(2)
				.measurementTime(TimeValue.milliseconds(300));
		}
		else {
			options.warmupIterations(3)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(5)
				.measurementTime(TimeValue.seconds(1));
		}
		Runner runner = new Runner(options.build(),
				OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL));
		try {
			return results(runner.run());
		}
		catch (RunnerException ex) {
			// Unchecked so that callers need no JMH type on their side.
			throw new IllegalStateException("Micro-benchmarks failed: " + ex.getMessage(), ex);
		}
	}

	private static List<MicroResult> results(Iterable<RunResult> runs) {
		List<MicroResult> results = new ArrayList<>();
		for (RunResult run : runs) {
			String name = run.getParams().getBenchmark();
			// Class.method, without the package every one of them shares.
			String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
			int size = Integer.parseInt(run.getParams().getParam("size"));
			Result<?> score = run.getPrimaryResult();
			results.add(new MicroResult(shortName, size, score.getScore(), score.getScoreError(),
					score.getScore() * size / 1e6));
		}
		results.sort(Comparator.comparing(MicroResult::benchmark).thenComparingInt(MicroResult::size));
		return results;
	}

	/** A markdown paragraph saying what the numbers mean, then one table row per result. */
	public static String markdown(List<MicroResult> results) {
		StringBuilder out = new StringBuilder();
		out.append("One operation handles one payload of the given size (one frame in `FrameDecodingBenchmark`, ")
			.append("which reads headers and hands the payload on without reading it: unmasking is ")
			.append("`MaskingBenchmark`, so it has no MB/s). MB/s = ops/s × payload bytes / 10⁶. ")
			.append("± is the half-width of JMH's 99.9% confidence interval, – when there were fewer than three ")
			.append("measurement iterations (quick runs).\n\n");
		out.append("| benchmark | payload bytes | ops/s | ± error | MB/s |\n");
		out.append("|---|---:|---:|---:|---:|\n");
		for (MicroResult result : results) {
			out.append("| ")
				.append(result.benchmark())
				.append(" | ")
				.append(String.format("%,d", result.size()))
				.append(" | ")
				.append(num(result.opsPerSecond()))
				.append(" | ")
				.append(num(result.error()))
				.append(" | ")
				.append((Double.isNaN(result.megabytesPerSecond()) || result.benchmark().startsWith(FRAMING)) ? "–"
						: String.format("%,.1f", result.megabytesPerSecond()))
				.append(" |\n");
		}
		return out.toString();
	}

	/** Framing alone: the payload's size does not change the work, so bytes per second would mislead. */
	private static final String FRAMING = "FrameDecodingBenchmark";

	private static String num(double value) {
		return Double.isNaN(value) ? "–" : String.format("%,.0f", value);
	}

}
