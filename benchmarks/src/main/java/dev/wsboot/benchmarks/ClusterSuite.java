package dev.wsboot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

import dev.wsboot.benchmarks.client.ClusterBroadcastLoad;
import dev.wsboot.benchmarks.client.Connector;
import dev.wsboot.benchmarks.client.Dialect;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.ServerProcess;
import dev.wsboot.benchmarks.report.ClusterReport;
import dev.wsboot.benchmarks.report.ClusterRun;

/**
 * The cluster scenario: two nodes on this machine over one local redis-server, {@value #PER_NODE}
 * subscribers on each, broadcasts published on node 1; wsboot (the sample-app jar with
 * {@code ws.cluster.enabled=true}) beside Socket.IO 4 with its Redis adapter, driven by the same
 * load client. Every server process (both nodes and Redis) is pinned to CPU 0, the client to CPU 1.
 * Writes docs/benchmarks/cluster.md and its summary in BENCHMARKS.md. Arguments:
 * {@code [--repo DIR] [--reps N] [--measure-ms MS] [--quiet-wait-minutes M] [--only wsboot|socketio]} (the last
 * for development).
 */
public final class ClusterSuite {

	static final int PER_NODE = 1000;

	static final int PAYLOAD = 64;

	/**
	 * Messages outstanding flat out: 4 as in the single-node broadcast scenario, and 16, which keeps
	 * a cluster busier across the Redis hop; the report compares each cluster at its better one.
	 */
	public static final int[] WINDOWS = { 4, 16 };

	/** The saturating rate last: a cluster may take a while to work off what it queued. */
	static final int[] PACED = { 50, 100, 1000 };

	static final long WARMUP_MILLIS = 20_000;

	/**
	 * Other work using more CPUs than this, measured over 5 s before a cluster starts, means the
	 * machine is busy: wait for a quieter moment. Measured rather than read from the load average,
	 * which this suite's own processes keep above 2 for a minute after each cluster.
	 */
	static final double QUIET_CPUS = 0.5;

	private final Path repo;

	private final int repetitions;

	private final long measureMillis;

	private final long quietWaitMillis;

	private final String only;

	private final List<ClusterRun> runs = new ArrayList<>();

	private ClusterSuite(Path repo, int repetitions, long measureMillis, long quietWaitMillis, String only) {
		this.only = only;
		this.repo = repo;
		this.repetitions = repetitions;
		this.measureMillis = measureMillis;
		this.quietWaitMillis = quietWaitMillis;
	}

	public static void main(String[] args) throws Exception {
		Path repo = Path.of(".");
		int reps = 2;
		long measure = 5000;
		long quietWait = 5 * 60_000L;
		String only = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--repo" -> repo = Path.of(args[++i]);
				case "--reps" -> reps = Integer.parseInt(args[++i]);
				case "--measure-ms" -> measure = Long.parseLong(args[++i]);
				case "--quiet-wait-minutes" -> quietWait = Long.parseLong(args[++i]) * 60_000L;
				case "--only" -> only = args[++i];
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		new ClusterSuite(repo.toAbsolutePath().normalize(), reps, measure, quietWait, only).run(String.join(" ", args));
		// Selector threads of failed loads must not keep the JVM, and its shutdown hook, waiting.
		System.exit(0);
	}

	private void run(String arguments) throws IOException {
		Instant started = Instant.now();
		long startNanos = System.nanoTime();
		Peers peers = new Peers(this.repo);
		Peer redis = peers.redis();
		String install = peers.installSocketIo();
		if (redis.unavailable() != null || install != null) {
			throw new IOException("Cannot run the cluster scenario: "
					+ ((redis.unavailable() != null) ? redis.unavailable() : "npm install failed: " + install));
		}
		Path logs = this.repo.resolve("benchmarks/target/bench-logs");
		List<String> labels = new ArrayList<>();
		for (int rep = 0; rep < this.repetitions; rep++) {
			// Alternate which cluster goes first, so that neither always meets the same neighbours.
			boolean wsbootFirst = rep % 2 == 0;
			for (int i = 0; i < 2; i++) {
				boolean wsboot = (i == 0) == wsbootFirst;
				String system = wsboot ? "wsboot" : "socketio";
				if (this.only != null && !this.only.equals(system)) {
					continue;
				}
				IntFunction<Peer> node = wsboot ? peers::wsbootClusterNode : peers::socketIoClusterNode;
				Dialect dialect = wsboot ? Dialect.PLAIN : Dialect.SOCKET_IO;
				try {
					runCluster(system, rep, redis, node, dialect, logs, labels);
				}
				catch (IOException | RuntimeException ex) {
					log("  " + system + " failed: " + ex);
				}
			}
		}
		double minutes = (System.nanoTime() - startNanos) / 60e9;
		log(String.format("done in %.1f min", minutes));
		new ClusterReport(this.repo, this.runs, labels, redis.label(), started, minutes, arguments, this.measureMillis)
			.write();
	}

	private void runCluster(String system, int rep, Peer redisPeer, IntFunction<Peer> nodePeer, Dialect dialect,
			Path logs, List<String> labels) throws IOException {
		double loadBefore = awaitQuiet();
		log("rep " + (rep + 1) + ": " + system + " (load average " + loadBefore + ")");
		try (ServerProcess redis = ServerProcess.start(redisPeer, logs)) {
			Peer peer = nodePeer.apply(redis.port());
			if (peer.unavailable() != null) {
				throw new IOException(peer.unavailable());
			}
			if (!labels.contains(peer.label())) {
				labels.add(peer.label());
			}
			try (ServerProcess node1 = ServerProcess.start(peer.named(peer.id() + "-1"), logs);
					ServerProcess node2 = ServerProcess.start(peer.named(peer.id() + "-2"), logs)) {
				List<Connector> nodes = List.of(new Connector(node1.port(), dialect.path(), false),
						new Connector(node2.port(), dialect.path(), false));
				List<DoubleSupplier> clocks = List.of(node1.cpuClock(), node2.cpuClock(), redis.cpuClock(),
						ServerProcess.clock(() -> ServerProcess.cpuSeconds(ProcessHandle.current().pid())),
						ServerProcess.clock(ServerProcess::machineBusySeconds));
				// Warm-up, the same for both: with 5 s the JVMs' JIT compiler threads still took a third of
				// node 1's CPU in the measured windows (per-thread /proc readings); V8 compiles too.
				ClusterBroadcastLoad.flatOut(nodes, dialect, PAYLOAD, PER_NODE, WINDOWS[1]).run(0, WARMUP_MILLIS, clocks);
				for (int window : WINDOWS) {
					measure(system, rep, ClusterRun.flatOut(window), loadBefore,
							ClusterBroadcastLoad.flatOut(nodes, dialect, PAYLOAD, PER_NODE, window), clocks);
				}
				for (int perSecond : PACED) {
					measure(system, rep, ClusterRun.paced(perSecond), loadBefore,
							ClusterBroadcastLoad.paced(nodes, dialect, PAYLOAD, PER_NODE, perSecond), clocks);
				}
			}
		}
	}

	private void measure(String system, int rep, String phase, double loadBefore, ClusterBroadcastLoad load,
			List<DoubleSupplier> clocks) throws IOException {
		awaitIdle(clocks);
		ClusterBroadcastLoad.Result result = load.run(1000, this.measureMillis, clocks);
		ClusterRun run = new ClusterRun(system, rep, phase, result, this.measureMillis, loadBefore, loadAverage());
		this.runs.add(run);
		double[] cpu = result.cpuSeconds();
		log(String.format("  %-10s %,10.0f deliveries/s  CPU-s %.2f+%.2f+%.2f  %,9.0f /CPU-s  p50/p99 local %.1f/%.1f ms"
				+ "  remote %.1f/%.1f ms  missing %d  errors %d  other CPU %.1f s  load %.2f", phase,
				result.deliveriesPerSecond(), cpu[ClusterRun.NODE_1], cpu[ClusterRun.NODE_2], cpu[ClusterRun.REDIS],
				run.perCpuSecond(), millis(result.local(), 50), millis(result.local(), 99),
				millis(result.remote(), 50), millis(result.remote(), 99), result.missing(), result.errors(),
				run.otherCpuSeconds(), run.loadAfter()));
	}

	private static double millis(org.HdrHistogram.Histogram histogram, double percentile) {
		return ClusterBroadcastLoad.Result.micros(histogram, percentile) / 1000;
	}

	/**
	 * Waits up to 60 s for the servers to finish what the last phase left queued: until the nodes
	 * and Redis together use under a tenth of a CPU over half a second.
	 */
	private static void awaitIdle(List<DoubleSupplier> clocks) {
		long until = System.nanoTime() + 60_000_000_000L;
		double before = serverCpu(clocks);
		while (System.nanoTime() < until) {
			java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
			double now = serverCpu(clocks);
			if (now - before < 0.05) {
				return;
			}
			before = now;
		}
		log("  the servers were still busy after 60 s");
	}

	private static double serverCpu(List<DoubleSupplier> clocks) {
		return clocks.get(ClusterRun.NODE_1).getAsDouble() + clocks.get(ClusterRun.NODE_2).getAsDouble()
				+ clocks.get(ClusterRun.REDIS).getAsDouble();
	}

	/**
	 * Waits, up to the configured time, until other work uses fewer than {@value #QUIET_CPUS}
	 * CPUs; returns the 1-minute load average then.
	 */
	private double awaitQuiet() throws IOException {
		long until = System.currentTimeMillis() + this.quietWaitMillis;
		while (true) {
			double before = ServerProcess.machineBusySeconds();
			java.util.concurrent.locks.LockSupport.parkNanos(5_000_000_000L);
			double busy = (ServerProcess.machineBusySeconds() - before) / 5;
			if (busy < QUIET_CPUS || System.currentTimeMillis() >= until) {
				return loadAverage();
			}
			log(String.format("  other work uses %.1f CPUs (load average %.2f): waiting for a quieter moment", busy,
					loadAverage()));
		}
	}

	private static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | NumberFormatException ex) {
			return Double.NaN;
		}
	}

	private static void log(String line) {
		System.out.println(line);
	}

}
