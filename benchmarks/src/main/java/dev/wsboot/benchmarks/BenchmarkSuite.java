package dev.wsboot.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import dev.wsboot.benchmarks.client.BroadcastLoad;
import dev.wsboot.benchmarks.client.Connector;
import dev.wsboot.benchmarks.client.EchoLoad;
import dev.wsboot.benchmarks.client.JsonOrder;
import dev.wsboot.benchmarks.client.FrameTemplate;
import dev.wsboot.benchmarks.client.IdleHold;
import dev.wsboot.benchmarks.client.LoadResult;
import dev.wsboot.benchmarks.client.MessageKind;
import dev.wsboot.benchmarks.client.NativeEchoLoad;
import dev.wsboot.benchmarks.client.PacedBroadcastLoad;
import dev.wsboot.benchmarks.harness.LoadClient;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Scenario;
import dev.wsboot.benchmarks.harness.ServerProcess;
import dev.wsboot.benchmarks.harness.Settings;
import dev.wsboot.benchmarks.harness.Warmup;
import dev.wsboot.benchmarks.micro.MicroBenchmarks;
import dev.wsboot.benchmarks.report.Machine;
import dev.wsboot.benchmarks.report.Report;

/**
 * Runs every scenario against every server and writes BENCHMARKS.md and its charts. The caller
 * pins this JVM (the load client) to CPU 1; each server is pinned to CPU 0. Arguments:
 * {@code [--quick|--full] [--repo DIR] [--peers ID,ID] [--scenarios ID,ID] [--reps N] [--server-warmup-ms MS]
 * [--client java]} (the last three for development; {@code --client java} drives every echo with the Java
 * client, to compare it with the C one).
 */
public final class BenchmarkSuite {

	public static final String BROADCAST = "broadcast";

	public static final String BROADCAST_1KIB = "broadcast-1KiB";

	public static final String PACED = "broadcast-paced";

	public static final String SLOW_BASELINE = "slow-consumer-baseline";

	public static final String SLOW = "slow-consumer";

	public static final String CHURN = "churn";

	public static final String IDLE = "idle";

	public static final String MICRO = "micro";

	/** Not a scenario: the notes of how long each server was warmed up. */
	public static final String WARMUP = "warmup";

	/** Every measurement beside the echo scenarios. */
	private static final List<String> FULL_EXTRAS = List.of(BROADCAST, BROADCAST_1KIB, PACED, SLOW_BASELINE, SLOW, CHURN,
			IDLE, MICRO);

	/**
	 * The quick variant leaves out what issue 14's targets do not read, the 1 KiB broadcast and the
	 * slow-consumer pair, to pay for its two more servers and its 19,000 idle connections.
	 */
	private static final List<String> QUICK_EXTRAS = List.of(BROADCAST, PACED, CHURN, IDLE, MICRO);

	private final Settings settings;

	private final Path repo;

	private final Results results = new Results();

	private final List<String> only;

	private final List<String> extras;

	private final boolean javaClientOnly;

	private LoadClient client;

	/** The scenario in which the current server stopped completing handshakes, if it did. */
	private String unresponsive;

	private BenchmarkSuite(Settings settings, Path repo, List<String> only, List<String> extras, boolean javaClientOnly) {
		this.javaClientOnly = javaClientOnly;
		this.only = only;
		this.extras = extras;
		this.settings = settings;
		this.repo = repo;
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.quick();
		Path repo = Path.of(".");
		List<String> only = List.of();
		boolean javaClientOnly = false;
		List<String> extras = QUICK_EXTRAS;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> {
					settings = Settings.quick();
					extras = QUICK_EXTRAS;
				}
				case "--full" -> {
					settings = Settings.full();
					extras = FULL_EXTRAS;
				}
				case "--repo" -> repo = Path.of(args[++i]);
				case "--peers" -> only = List.of(args[++i].split(","));
				case "--scenarios" -> {
					extras = List.of(args[++i].split(","));
					settings = settings.only(extras);
				}
				case "--server-warmup-ms" -> settings = settings.withServerWarmup(Long.parseLong(args[++i]));
				case "--reps" -> settings = settings.withRepetitions(Integer.parseInt(args[++i]));
				case "--client" -> javaClientOnly = clientArgument(args[++i]);
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		new BenchmarkSuite(settings, repo.toAbsolutePath().normalize(), only, extras, javaClientOnly)
			.run(String.join(" ", args));
		// Selector threads of failed loads must not keep the JVM, and its shutdown hook, waiting.
		System.exit(0);
	}

	private static boolean clientArgument(String value) {
		return switch (value) {
			case "java" -> true;
			case "c" -> false;
			default -> throw new IllegalArgumentException("--client takes java or c, not " + value);
		};
	}

	private void run(String arguments) throws IOException {
		Machine.recordLoad();
		this.client = LoadClient.build(this.repo, this.javaClientOnly);
		log("echo load client: " + ((this.client.fallback() == null) ? "C (target/native/echo_load), Java for permessage-deflate"
				: "Java: " + this.client.fallback()));
		if (this.client.fallback() != null && !this.javaClientOnly) {
			// Said under the run's failures: every echo figure below is then the Java client's.
			this.results.fail("load client", "echo_load.c", this.client.fallback() + "; every echo ran on the Java client");
		}
		Instant started = Instant.now();
		long startNanos = System.nanoTime();
		Peers catalogue = new Peers(this.repo);
		List<Peer> peers = catalogue.all();
		List<Peer> runnable = new ArrayList<>();
		for (Peer peer : peers) {
			if (!this.only.isEmpty() && !this.only.contains(peer.id())) {
				continue;
			}
			if (peer.unavailable() == null) {
				runnable.add(peer);
			}
			else {
				log("skipping " + peer.id() + ": " + peer.unavailable());
			}
		}
		for (Scenario scenario : this.settings.scenarios()) {
			this.results.declare(scenario.id(), scenario.title());
		}
		this.results.declare(BROADCAST, "broadcast fan-out: " + this.settings.broadcastSubscribers()
				+ " subscribers, 64 B text, " + this.settings.broadcastWindow() + " messages in flight");
		this.results.declare(BROADCAST_1KIB, "broadcast fan-out: " + this.settings.broadcastSubscribers()
				+ " subscribers, 1 KiB text, " + this.settings.broadcastWindow() + " messages in flight");
		Settings.Fanout fanout = this.settings.fanout();
		this.results.declare(PACED, "paced broadcast: " + String.format("%,d", fanout.pacedSubscribers())
				+ " subscribers, 64 B text, " + fanout.pacedPerSecond() + " messages a second for "
				+ fanout.pacedMeasureMillis() + " ms");
		this.results.declare(SLOW_BASELINE, "paced broadcast: " + String.format("%,d", fanout.slowSubscribers())
				+ " subscribers, 1 KiB text, " + fanout.slowPerSecond() + " messages a second for "
				+ fanout.pacedMeasureMillis() + " ms");
		this.results.declare(SLOW, "the same with one more subscriber that reads nothing until the end");
		this.results.declare(CHURN, "connection churn: handshake + close handshake, " + this.settings.churnConcurrency()
				+ " at a time");
		for (String javaOnly : List.of(BROADCAST, BROADCAST_1KIB, PACED, SLOW_BASELINE, SLOW, CHURN)) {
			this.results.client(javaOnly, LoadClient.JAVA);
		}
		Path logs = this.repo.resolve("benchmarks/target/bench-logs");
		for (int rep = 0; rep < this.settings.repetitions(); rep++) {
			// Interleave: each repetition starts one server later, so no server always runs first.
			for (int i = 0; i < runnable.size(); i++) {
				Peer peer = runnable.get((i + rep) % runnable.size());
				runPeer(peer, rep, logs);
			}
		}
		if (this.extras.contains(MICRO)) {
			log("micro-benchmarks (JMH)");
			try {
				this.results.micro(MicroBenchmarks.markdown(MicroBenchmarks.run(!"full".equals(this.settings.name()))));
			}
			catch (RuntimeException ex) {
				log("  micro-benchmarks failed: " + ex);
				this.results.fail(MICRO, "jmh", String.valueOf(ex.getMessage()));
			}
		}
		double minutes = (System.nanoTime() - startNanos) / 60e9;
		log(String.format("done in %.1f min", minutes));
		new Report(this.repo, this.settings, peers, this.results, started, minutes, arguments).write();
	}

	private void runPeer(Peer peer, int rep, Path logs) {
		log("rep " + (rep + 1) + ": " + peer.id());
		this.unresponsive = null;
		try (ServerProcess server = ServerProcess.start(peer, logs)) {
			DoubleSupplier cpu = server.cpuClock();
			Connector echo = new Connector(server.port(), "/echo", !peer.websocket());
			List<Scenario> scenarios = this.settings.scenarios(rep)
				.stream()
				.filter((scenario) -> peer.websocket() || !scenario.deflate())
				.filter((scenario) -> scenario.kind() != MessageKind.TEXT_JSON || Peers.servesJson(peer))
				.toList();
			boolean once = rep == 0;
			boolean broadcasts = peer.websocket() && (once || this.settings.repetitions() > 2);
			Connector broadcast = new Connector(server.port(), "/broadcast", false);
			warmUp(server, scenarios, broadcasts ? broadcast : null, echo);
			for (Scenario scenario : scenarios) {
				this.results.client(scenario.id(), this.client.name(scenario.deflate()));
				measure(scenario.id(), peer, echo(server, connector(server, scenario), template(scenario),
						scenario.connections(), scenario.depth(), this.settings.warmupMillis(),
						this.settings.measureMillis()));
			}
			if (broadcasts) {
				measureIf(BROADCAST, peer, () -> new BroadcastLoad(broadcast, new FrameTemplate(MessageKind.TEXT_ASCII, 64),
						this.settings.broadcastSubscribers(), this.settings.broadcastWindow())
					.run(this.settings.warmupMillis(), this.settings.measureMillis(), cpu));
				measureIf(BROADCAST_1KIB, peer, () -> new BroadcastLoad(broadcast,
						new FrameTemplate(MessageKind.TEXT_ASCII, 1024), this.settings.broadcastSubscribers(),
						this.settings.broadcastWindow())
					.run(this.settings.warmupMillis(), this.settings.measureMillis(), cpu));
				slowConsumer(server, peer, broadcast, cpu);
				measureIf(CHURN, peer, () -> echo.churn(this.settings.churnConcurrency(), this.settings.warmupMillis(),
						this.settings.measureMillis(), cpu));
			}
			if (once && !this.settings.freshServerForIdle() && this.extras.contains(IDLE)) {
				idle(server, peer);
			}
			// Last: the most connections, which some servers do not survive.
			if (broadcasts) {
				paced(peer, broadcast, cpu);
			}
		}
		catch (IOException | RuntimeException ex) {
			log("  " + peer.id() + " failed: " + ex);
			this.results.fail("server", peer.id(), ex.getMessage());
		}
		if (rep == 0 && this.settings.freshServerForIdle() && this.extras.contains(IDLE)) {
			try (ServerProcess server = ServerProcess.start(peer, logs)) {
				idle(server, peer);
			}
			catch (IOException | RuntimeException ex) {
				log("  " + peer.id() + " idle failed: " + ex);
			}
		}
	}

	/** An echo load on the C client when it can drive it, else on the Java client. */
	private Load echo(ServerProcess server, Connector connector, FrameTemplate template, int connections, int depth,
			long warmupMillis, long measureMillis) {
		if (this.client.nativeFor(template.compressed())) {
			NativeEchoLoad load = new NativeEchoLoad(this.client.binary(), server.port(), !server.peer().websocket(),
					template, connections, depth, server.pid());
			return () -> load.run(warmupMillis, measureMillis);
		}
		DoubleSupplier cpu = server.cpuClock();
		return () -> new EchoLoad(connector, template, connections, depth).run(warmupMillis, measureMillis, cpu);
	}

	/** Many subscribers at a live feed's rate. */
	private void paced(Peer peer, Connector broadcast, DoubleSupplier cpu) {
		Settings.Fanout fanout = this.settings.fanout();
		long measure = fanout.pacedMeasureMillis();
		measureIf(PACED, peer, measure, () -> new PacedBroadcastLoad(broadcast, new FrameTemplate(MessageKind.TEXT_ASCII, 64),
				fanout.pacedSubscribers(), fanout.pacedPerSecond(), false)
			.run(this.settings.warmupMillis(), measure, cpu)
			.deliveries());
	}

	/** The same paced load without and with one subscriber that never reads. */
	private void slowConsumer(ServerProcess server, Peer peer, Connector broadcast, DoubleSupplier cpu) {
		Settings.Fanout fanout = this.settings.fanout();
		long measure = fanout.pacedMeasureMillis();
		FrameTemplate kib = new FrameTemplate(MessageKind.TEXT_ASCII, 1024);
		measureIf(SLOW_BASELINE, peer, measure, () -> new PacedBroadcastLoad(broadcast, kib, fanout.slowSubscribers(),
				fanout.slowPerSecond(), false)
			.run(this.settings.warmupMillis(), measure, cpu)
			.deliveries());
		measureIf(SLOW, peer, measure, () -> {
			long rssBefore = server.rssBytes();
			PacedBroadcastLoad.Result result = new PacedBroadcastLoad(broadcast, kib, fanout.slowSubscribers(),
					fanout.slowPerSecond(), true)
				.run(this.settings.warmupMillis(), measure, cpu);
			long rssGrowth = server.rssBytes() - rssBefore;
			PacedBroadcastLoad.SlowConsumer slow = result.slow();
			String note = String.format("published to it %,d B, it read %,d B; %s; server RSS %+,.1f MiB",
					slow.bytesPublishedToIt(), slow.bytesItReceived(), slow.outcome(), rssGrowth / 1048576.0);
			this.results.note(SLOW, peer.id(), note);
			log("  slow consumer: " + note);
			return result.deliveries();
		});
	}

	private void idle(ServerProcess server, Peer peer) {
		int count = this.settings.idleConnections();
		try {
			// Heap first: its full GC also frees the direct buffers nothing references any more.
			long heapBefore = server.liveHeapBytes();
			long directBefore = server.directBytes();
			long rssBefore = server.rssBytes();
			try (IdleHold hold = new IdleHold(new Connector(server.port(), "/echo", !peer.websocket()), count)) {
				settle();
				long heapAfter = server.liveHeapBytes();
				long directAfter = server.directBytes();
				long rssAfter = server.rssBytes();
				double heap = (heapBefore < 0) ? Double.NaN : (heapAfter - heapBefore) / (double) count;
				double direct = (directBefore < 0) ? Double.NaN : (directAfter - directBefore) / (double) count;
				double rss = (rssAfter - rssBefore) / (double) count;
				this.results.idle(peer.id(), new Results.Idle(count, heap, direct, rss));
				log(String.format("  idle %d: heap %.0f B/conn, direct %.0f B/conn, RSS %.0f B/conn", count, heap,
						direct, rss));
			}
		}
		catch (IOException | RuntimeException ex) {
			log("  idle failed: " + ex);
			this.results.fail("idle", peer.id(), ex.getMessage());
		}
	}

	private interface Load {

		LoadResult run() throws IOException;

	}

	private void measureIf(String scenario, Peer peer, Load load) {
		measureIf(scenario, peer, this.settings.measureMillis(), load);
	}

	private void measureIf(String scenario, Peer peer, long measureMillis, Load load) {
		if (this.extras.contains(scenario)) {
			measure(scenario, peer, measureMillis, load);
		}
	}

	private void measure(String scenario, Peer peer, Load load) {
		measure(scenario, peer, this.settings.measureMillis(), load);
	}

	private void measure(String scenario, Peer peer, long measureMillis, Load load) {
		if (this.unresponsive != null) {
			log("  " + scenario + " skipped: the server stopped completing handshakes in " + this.unresponsive);
			this.results.fail(scenario, peer.id(), "not run: the server stopped completing handshakes in " + this.unresponsive);
			return;
		}
		try {
			LoadResult result = load.run();
			Results.Sample sample = new Results.Sample(result.messagesPerSecond(),
					result.perCpuSecond(measureMillis), result.percentileMicros(50),
					result.percentileMicros(99), result.errors(), result.clientCpuShare());
			if (sample.rate() == 0) {
				log("  " + scenario + " failed: no message completed in the measured window");
				this.results.fail(scenario, peer.id(), "no message completed in the measured window");
				return;
			}
			this.results.add(scenario, peer.id(), sample);
			if (!Double.isNaN(result.compressedShare())) {
				this.results.note(scenario, peer.id(), String.format("%.0f%%", result.compressedShare() * 100));
			}
			if (result.errors() > 0) {
				this.results.fail(scenario, peer.id(), result.errors() + " messages differed from what was sent");
			}
			log(String.format("  %-28s %,12.0f /s  %,12.0f /CPU-s  p50 %8.1f us  p99 %8.1f us  errors %d  client busy %3.0f%%",
					scenario, sample.rate(), sample.perCpuSecond(), sample.p50Micros(), sample.p99Micros(), sample.errors(),
					sample.clientCpuShare() * 100));
		}
		catch (IOException | RuntimeException ex) {
			log("  " + scenario + " failed: " + ex);
			this.results.fail(scenario, peer.id(), String.valueOf(ex.getMessage()));
			if (String.valueOf(ex.getMessage()).startsWith(Connector.OPEN_FAILURE)) {
				// A server that no longer completes handshakes would cost each later scenario its timeout.
				this.unresponsive = scenario;
			}
		}
	}

	private EchoLoad echoLoad(ServerProcess server, Scenario scenario) {
		return new EchoLoad(connector(server, scenario), template(scenario), scenario.connections(), scenario.depth());
	}

	/** {@code /json} for the typed JSON echo, {@code /echo} for every other echo. */
	private static Connector connector(ServerProcess server, Scenario scenario) {
		String path = (scenario.kind() == MessageKind.TEXT_JSON) ? "/json" : "/echo";
		return new Connector(server.port(), path, !server.peer().websocket(), scenario.deflate());
	}

	private static FrameTemplate template(Scenario scenario) {
		return (scenario.kind() == MessageKind.TEXT_JSON) ? JsonOrder.template(scenario.size())
				: new FrameTemplate(scenario.kind(), scenario.size(), scenario.deflate());
	}

	/**
	 * Echo through every scenario in turn, a second each, at least once each and then until the
	 * server's JIT compilers are quiet: each path the scenarios take is compiled before any of them
	 * is measured. Where the broadcasts and churn are measured, a broadcast burst and a churn slice
	 * take their turns too: their windows are short, and a server whose broadcast path is still
	 * being compiled would be measured with its compiler on its one core.
	 * @param broadcast the broadcast endpoint, or null when the broadcasts are not measured
	 */
	private void warmUp(ServerProcess server, List<Scenario> scenarios, Connector broadcast, Connector echo) {
		DoubleSupplier cpu = server.cpuClock();
		List<Warmup.Load> loads = new ArrayList<>();
		for (Scenario scenario : scenarios) {
			loads.add((millis) -> echoLoad(server, scenario).run(0, millis, cpu));
		}
		if (broadcast != null) {
			loads.add((millis) -> new BroadcastLoad(broadcast, new FrameTemplate(MessageKind.TEXT_ASCII, 64),
					this.settings.broadcastSubscribers(), this.settings.broadcastWindow())
				.run(0, millis, cpu));
			loads.add((millis) -> echo.churn(this.settings.churnConcurrency(), 0, millis, cpu));
		}
		if (loads.isEmpty()) {
			return;
		}
		try {
			Warmup.Outcome outcome = Warmup.run(server, this.settings.serverWarmupMillis(), loads.size(), (n, millis) -> {
				try {
					loads.get(n % loads.size()).run(millis);
				}
				catch (IOException | RuntimeException ex) {
					if (!server.isAlive()) {
						throw ex;
					}
					// Its measured run will report the failure; the other scenarios still warm up.
				}
			});
			log("  warm-up " + outcome);
			this.results.note(WARMUP, server.peer().id(), outcome.toString());
		}
		catch (IOException | RuntimeException ex) {
			log("  warm-up failed: " + ex);
		}
	}

	/** Lets the server finish registering the last connections before measuring it. */
	private static void settle() {
		long until = System.nanoTime() + 500_000_000L;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
			java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
		}
	}

	private static void log(String line) {
		System.out.println(line);
	}

}
