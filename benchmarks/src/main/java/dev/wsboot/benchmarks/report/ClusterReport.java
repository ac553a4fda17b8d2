package dev.wsboot.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.Histogram;

import dev.wsboot.benchmarks.ClusterSuite;
import dev.wsboot.benchmarks.client.ClusterBroadcastLoad;
import dev.wsboot.benchmarks.harness.Results;

/**
 * Writes docs/benchmarks/cluster.md and cluster.png, and the cluster section of BENCHMARKS.md,
 * which {@link Report} keeps when it rewrites that file.
 */
public final class ClusterReport {

	static final String BEGIN = "<!-- cluster:begin (written by benchmarks/run.sh cluster) -->";

	static final String END = "<!-- cluster:end -->";

	private static final String WSBOOT = "wsboot";

	private static final String SOCKETIO = "socketio";

	private static final String TARGET_RATE = ClusterRun.paced(1000);

	/** The first measured phase of each cluster, whose window shows the load at its start. */
	private static final String FIRST_PHASE = ClusterRun.flatOut(ClusterSuite.WINDOWS[0]);

	private final Path repo;

	private final List<ClusterRun> runs;

	private final List<String> labels;

	private final String redis;

	private final Instant started;

	private final double minutes;

	private final String arguments;

	private final long measureMillis;

	private final StringBuilder md = new StringBuilder();

	public ClusterReport(Path repo, List<ClusterRun> runs, List<String> labels, String redis, Instant started,
			double minutes, String arguments, long measureMillis) {
		this.repo = repo;
		this.runs = runs;
		this.labels = labels;
		this.redis = redis;
		this.started = started;
		this.minutes = minutes;
		this.arguments = arguments;
		this.measureMillis = measureMillis;
	}

	public void write() throws IOException {
		Path dir = this.repo.resolve("docs/benchmarks");
		Files.createDirectories(dir);
		header();
		List<String> targets = targets();
		line("## Targets");
		line("");
		targets.forEach(this::line);
		line("");
		List<String> side = sideBySide();
		line("## wsboot beside Socket.IO");
		line("");
		line("Medians over the repetitions; CPU-seconds are per process over the " + this.measureMillis
				+ " ms window; latency is from the publisher's send to each receipt, on node 1 (delivered there "
				+ "directly) and on node 2 (through Redis).");
		line("");
		side.forEach(this::line);
		line("");
		line("![cluster](cluster.png)");
		line("");
		everyRun();
		Files.writeString(dir.resolve("cluster.md"), this.md.toString());
		chart(dir.resolve("cluster.png"));
		summary(targets, side);
	}

	private void header() {
		Machine machine = Machine.describe(this.repo);
		line("# Cluster over Redis: wsboot beside Socket.IO");
		line("");
		line("```");
		line("benchmarks/run.sh cluster   # about 5 minutes, plus up to 5 minutes' wait per cluster for a quiet machine");
		line("```");
		line("");
		line("`run.sh cluster` builds the benchmarks module and the sample app (`mvn -B -q -pl benchmarks,sample-app -am "
				+ "package -Dmaven.test.skip=true`), then runs `taskset -c 1 java ... dev.wsboot.benchmarks.ClusterSuite "
				+ "--repo .`, which installs the Socket.IO packages into `benchmarks/target/node-cluster` (npm, the exact "
				+ "versions of `benchmarks/src/main/node/cluster/package.json`), starts and stops every process itself, "
				+ "talks over 127.0.0.1 only, and writes this file, `cluster.png` and the cluster section of BENCHMARKS.md.");
		line("");
		line("These figures: `ClusterSuite " + this.arguments + "`, started " + this.started.truncatedTo(ChronoUnit.SECONDS)
				+ ", took " + String.format("%.1f", this.minutes) + " min.");
		line("");
		line("## Machine and method");
		line("");
		line("- CPUs: " + machine.cpus() + " × " + machine.cpuModel() + "; kernel " + machine.kernel() + "; JDK "
				+ machine.jdk() + "; Node " + machine.node() + "; " + this.redis + ".");
		line("- Per cluster: one redis-server started for it on a free loopback port, then two nodes, each its own "
				+ "process on its own port. Both nodes and Redis are pinned to CPU 0 (`taskset -c 0`) and share it; the "
				+ "load client (one Java NIO thread, the same code for both clusters, no wsboot classes) is pinned to CPU 1.");
		for (String label : this.labels) {
			line("- " + label + ".");
		}
		line("- The client opens " + "1,000 WebSocket connections to each node. wsboot's speak plain WebSocket to "
				+ "`/broadcast`; Socket.IO's speak Engine.IO 4 on the WebSocket transport from the start "
				+ "(`/socket.io/?EIO=4&transport=websocket`, then `40` to join the main namespace), exactly what "
				+ "socket.io-client sends once it has upgraded. The first connection of node 1 publishes: a 64-byte text "
				+ "payload whose first 16 bytes are the client's System.nanoTime in hex, as the message itself (wsboot) "
				+ "or as the event `42[\"m\",\"…\"]` (Socket.IO); node 1 sends it to every subscriber of both nodes, "
				+ "the publisher included (`sendToPath` there, `io.emit` here). Every delivery is checked byte for "
				+ "byte, the timestamp aside.");
		line("- Why one Java client for both rather than socket.io-client: 2,000 socket.io-client instances in one "
				+ "Node process cost several times the client CPU of one NIO loop, on the one core the client has; "
				+ "Socket.IO would then be measured through its own client's limits. The same client also measures "
				+ "both clusters' latency the same way, with the same clock.");
		line("- Phases, each on fresh connections after 1 s of warm-up: **flat out** with at most " + ClusterSuite.WINDOWS[0] + " messages' "
				+ "worth of deliveries outstanding (as in the single-node broadcast scenario of BENCHMARKS.md) and "
				+ "with " + ClusterSuite.WINDOWS[1] + "; the target compares each cluster at the window that gives it more "
				+ "deliveries per CPU-second (Socket.IO gains more from the deeper one), **paced** 50, 100 and 1,000 "
				+ "messages a second for " + this.measureMillis + " ms (latency against the schedule; 1,000 a second "
				+ "is 2,000,000 deliveries a second offered, more than two cores can do). After the window the client waits "
				+ "up to 3 s for what is still on its way; a delivery that has not arrived by then counts as missing, "
				+ "and in the latency with the age it had reached (so the figure is a lower bound, marked ≥). Between "
				+ "phases the harness waits for the servers to work off what they queued.");
		line("- Per CPU-second: deliveries inside the window over the utime+stime of both nodes and Redis in the "
				+ "same window (/proc/PID/stat). The machine was shared with other builds: per-CPU-second figures "
				+ "are the fairer comparison under such noise, because time a process waits for the CPU is not "
				+ "counted; the tables give the CPU that other work took during each window.");
		line("- Before each cluster the harness waits (up to 5 minutes) until other work uses under half a CPU, "
				+ "measured over 5 s from /proc/stat. Each cluster is warmed up flat out for 20 s first (with 5 s the "
				+ "JVMs' JIT compiler threads still took a third of node 1's CPU in the measured windows). \"Load "
				+ "after\" includes this run's own processes, about 2 to 4 by themselves.");
		line("");
	}

	private List<String> targets() {
		List<String> out = new ArrayList<>();
		double wsboot = bestPerCpuSecond(WSBOOT);
		double socketio = bestPerCpuSecond(SOCKETIO);
		double ratio = wsboot / socketio;
		StringBuilder windows = new StringBuilder();
		for (int window : ClusterSuite.WINDOWS) {
			String phase = ClusterRun.flatOut(window);
			windows.append(String.format("; %d outstanding: %.2f", window,
					median(WSBOOT, phase, ClusterRun::perCpuSecond) / median(SOCKETIO, phase, ClusterRun::perCpuSecond)));
		}
		double p99 = median(WSBOOT, TARGET_RATE, (run) -> allDeliveries(run.result(), 99)) / 1000;
		double p99Remote = median(WSBOOT, TARGET_RATE, (run) -> micros(run.result().remote(), 99)) / 1000;
		double achieved = median(WSBOOT, TARGET_RATE, (run) -> run.result().deliveriesPerSecond());
		out.add("| target | goal | measured | verdict |");
		out.add("|---|---:|---:|---|");
		out.add(String.format("| deliveries per server CPU-second, wsboot ÷ Socket.IO, flat out, each at its better window | ≥ 3 | %.2f (%,.0f ÷ %,.0f)%s | %s |",
				ratio, wsboot, socketio, windows, verdict(ratio >= 3)));
		String bound = bound(median(WSBOOT, TARGET_RATE, (run) -> run.result().missing()));
		out.add(String.format("| wsboot p99 publish-to-delivery at 1,000 broadcasts/s, every delivery (through Redis only) | < 20 ms | %s%,.1f ms (%s%,.1f ms); %,.0f of 2,000,000 deliveries/s | %s |",
				bound, p99, bound, p99Remote, achieved, verdict(p99 < 20)));
		return out;
	}

	/** The higher of a cluster's flat-out medians: each is compared at the window that suits it best. */
	private double bestPerCpuSecond(String system) {
		double best = Double.NaN;
		for (int window : ClusterSuite.WINDOWS) {
			double value = median(system, ClusterRun.flatOut(window), ClusterRun::perCpuSecond);
			best = Double.isNaN(best) ? value : Math.max(best, value);
		}
		return best;
	}

	private static String verdict(boolean met) {
		return met ? "met" : "**missed**";
	}

	private List<String> sideBySide() {
		List<String> out = new ArrayList<>();
		out.add("| | wsboot | Socket.IO 4 + Redis adapter | wsboot ÷ Socket.IO |");
		out.add("|---|---:|---:|---:|");
		for (int window : ClusterSuite.WINDOWS) {
			String phase = ClusterRun.flatOut(window);
			String at = "flat out, " + window + " outstanding";
			row(out, at + ": deliveries/s", phase, (run) -> run.result().deliveriesPerSecond(), "%,.0f");
			row(out, at + ": CPU-s node 1", phase, (run) -> run.result().cpuSeconds()[ClusterRun.NODE_1], "%.2f");
			row(out, at + ": CPU-s node 2", phase, (run) -> run.result().cpuSeconds()[ClusterRun.NODE_2], "%.2f");
			row(out, at + ": CPU-s redis-server", phase, (run) -> run.result().cpuSeconds()[ClusterRun.REDIS], "%.2f");
			row(out, at + ": **deliveries per server CPU-second**", phase, ClusterRun::perCpuSecond, "%,.0f");
		}
		for (int perSecond : new int[] { 1000, 100, 50 }) { // the target's rate first, then those the machine can carry
			String phase = ClusterRun.paced(perSecond);
			String at = String.format("%,d/s", perSecond);
			row(out, at + ": deliveries/s (offered " + String.format("%,d", perSecond * 2000) + ")", phase,
					(run) -> run.result().deliveriesPerSecond(), "%,.0f");
			latencyRow(out, at + ": p50 ms, every delivery", phase, (run) -> allDeliveries(run.result(), 50) / 1000);
			latencyRow(out, at + ": **p99 ms, every delivery**", phase, (run) -> allDeliveries(run.result(), 99) / 1000);
			latencyRow(out, at + ": p50 ms on node 2 (through Redis)", phase, (run) -> micros(run.result().remote(), 50) / 1000);
			latencyRow(out, at + ": p99 ms on node 2 (through Redis)", phase, (run) -> micros(run.result().remote(), 99) / 1000);
			row(out, at + ": deliveries missing 3 s after the window", phase, (run) -> run.result().missing(), "%,.0f");
			row(out, at + ": CPU-s of both nodes and Redis", phase, ClusterRun::serverCpuSeconds, "%.2f");
		}
		row(out, "load average before the cluster started", FIRST_PHASE, ClusterRun::loadBefore, "%.2f");
		row(out, "other work's CPU-s during the first flat-out window", FIRST_PHASE, ClusterRun::otherCpuSeconds, "%.2f");
		return out;
	}

	private void row(List<String> out, String title, String phase, ToDoubleFunction<ClusterRun> metric, String format) {
		double wsboot = median(WSBOOT, phase, metric);
		double socketio = median(SOCKETIO, phase, metric);
		out.add("| " + title + " | " + String.format(format, wsboot) + " | " + String.format(format, socketio) + " | "
				+ (Double.isFinite(wsboot / socketio) ? String.format("%.2f", wsboot / socketio) : "") + " |");
	}

	/** Latency in ms, marked as a lower bound where deliveries were still missing when the client stopped. */
	private void latencyRow(List<String> out, String title, String phase, ToDoubleFunction<ClusterRun> metric) {
		String[] cells = new String[2];
		List<String> systems = List.of(WSBOOT, SOCKETIO);
		for (int i = 0; i < 2; i++) {
			String system = systems.get(i);
			cells[i] = bound(median(system, phase, (run) -> run.result().missing()))
					+ String.format("%,.1f", median(system, phase, metric));
		}
		out.add("| " + title + " | " + cells[0] + " | " + cells[1] + " | |");
	}

	private static String bound(double missing) {
		return (missing > 0) ? "≥ " : "";
	}

	private void everyRun() {
		line("## Every run");
		line("");
		line("| cluster | rep | phase | deliveries/s | CPU-s node 1 / node 2 / redis | client CPU-s | other CPU-s | per server CPU-s | p50 / p99 ms node 1 | p50 / p99 ms node 2 | published | missing | errors | load before → after |");
		line("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (ClusterRun run : this.runs) {
			ClusterBroadcastLoad.Result result = run.result();
			double[] cpu = result.cpuSeconds();
			String b = bound(result.missing());
			line(String.format("| %s | %d | %s | %,.0f | %.2f / %.2f / %.2f | %.2f | %.2f | %,.0f | %s%,.1f / %s%,.1f | %s%,.1f / %s%,.1f | %,d | %,d | %d | %.2f → %.2f |",
					run.system(), run.repetition() + 1, run.phase(), result.deliveriesPerSecond(), cpu[ClusterRun.NODE_1],
					cpu[ClusterRun.NODE_2], cpu[ClusterRun.REDIS], cpu[ClusterRun.CLIENT], run.otherCpuSeconds(),
					run.perCpuSecond(), b, micros(result.local(), 50) / 1000, b, micros(result.local(), 99) / 1000,
					b, micros(result.remote(), 50) / 1000, b, micros(result.remote(), 99) / 1000, result.published(),
					result.missing(), result.errors(), run.loadBefore(), run.loadAfter()));
		}
		line("");
	}

	private void chart(Path file) throws IOException {
		Map<String, List<Double>> series = new LinkedHashMap<>();
		List<String> categories = new ArrayList<>();
		for (int window : ClusterSuite.WINDOWS) {
			categories.add("deliveries/s, " + window + " outstanding");
			categories.add("per server CPU-second, " + window + " outstanding");
		}
		for (String system : List.of(WSBOOT, SOCKETIO)) {
			List<Double> values = new ArrayList<>();
			for (int window : ClusterSuite.WINDOWS) {
				String phase = ClusterRun.flatOut(window);
				values.add(median(system, phase, (run) -> run.result().deliveriesPerSecond()));
				values.add(median(system, phase, ClusterRun::perCpuSecond));
			}
			series.put(system.equals(WSBOOT) ? "wsboot" : "Socket.IO", values);
		}
		Charts.bars(file, "Cluster of two nodes over Redis, 2 × 1,000 subscribers, 64 B broadcasts, flat out",
				"deliveries", categories, series);
	}

	/** Replaces the cluster section of BENCHMARKS.md, or appends it. */
	private void summary(List<String> targets, List<String> side) throws IOException {
		Path file = this.repo.resolve("BENCHMARKS.md");
		String existing = Files.isRegularFile(file) ? Files.readString(file) : "";
		StringBuilder section = new StringBuilder();
		section.append(BEGIN).append("\n## Cluster over Redis\n\n");
		section.append("Two nodes on this machine over one local redis-server, 1,000 subscribers on each, broadcasts "
				+ "published on node 1: wsboot (the sample app with `ws.cluster.enabled=true`) beside Socket.IO 4 with "
				+ "its Redis adapter, both driven by the same load client. Run with `benchmarks/run.sh cluster`; "
				+ "method, every run and the load on the machine in [docs/benchmarks/cluster.md](docs/benchmarks/cluster.md). "
				+ "Started " + this.started.truncatedTo(ChronoUnit.SECONDS) + ".\n\n");
		targets.forEach((l) -> section.append(l).append('\n'));
		section.append('\n');
		side.forEach((l) -> section.append(l).append('\n'));
		section.append('\n').append(END).append('\n');
		Files.writeString(file, withSection(existing, section.toString()));
	}

	/** {@code text} with its cluster section replaced by {@code section}, or with it appended. */
	static String withSection(String text, String section) {
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin >= 0 && end > begin) {
			return text.substring(0, begin) + section + text.substring(end + END.length()).replaceFirst("^\n", "");
		}
		return text + (text.isEmpty() || text.endsWith("\n\n") ? "" : "\n") + section;
	}

	/** The cluster section of {@code text}, or an empty string. */
	static String section(String text) {
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		return (begin >= 0 && end > begin) ? text.substring(begin, end + END.length()) + "\n" : "";
	}

	private double median(String system, String phase, ToDoubleFunction<ClusterRun> metric) {
		List<Double> values = new ArrayList<>();
		for (ClusterRun run : this.runs) {
			if (run.system().equals(system) && run.phase().equals(phase)) {
				values.add(metric.applyAsDouble(run));
			}
		}
		return Results.Summary.of(values).median();
	}

	private static double allDeliveries(ClusterBroadcastLoad.Result result, double percentile) {
		Histogram all = result.local().copy();
		all.add(result.remote());
		return micros(all, percentile);
	}

	private static double micros(Histogram histogram, double percentile) {
		return ClusterBroadcastLoad.Result.micros(histogram, percentile);
	}

	private void line(String text) {
		this.md.append(text).append('\n');
	}

}
