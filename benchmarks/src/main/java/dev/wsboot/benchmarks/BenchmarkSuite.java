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
import dev.wsboot.benchmarks.client.PacedBroadcastLoad;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Scenario;
import dev.wsboot.benchmarks.harness.ServerProcess;
import dev.wsboot.benchmarks.harness.Settings;
import dev.wsboot.benchmarks.micro.MicroBenchmarks;
import dev.wsboot.benchmarks.report.Machine;
import dev.wsboot.benchmarks.report.Report;

/**
 * Runs every scenario against every server and writes BENCHMARKS.md and its charts. The caller
 * pins this JVM (the load client) to CPU 1; each server is pinned to CPU 0. Arguments:
 * {@code [--quick|--full] [--repo DIR] [--peers ID,ID] [--scenarios ID,ID] [--reps N] [--server-warmup-ms MS]} (the last two for development).
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

	private final Settings settings;

	private final Path repo;

	private final Results results = new Results();

	private final List<String> only;

	private final List<String> extras;

	/** The scenario in which the current server stopped completing handshakes, if it did. */
	private String unresponsive;

	private BenchmarkSuite(Settings settings, Path repo, List<String> only, List<String> extras) {
		this.only = only;
		this.extras = extras;
		this.settings = settings;
		this.repo = repo;
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.quick();
		Path repo = Path.of(".");
		List<String> only = List.of();
		List<String> extras = List.of(BROADCAST, BROADCAST_1KIB, PACED, SLOW_BASELINE, SLOW, CHURN, IDLE, MICRO);
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> settings = Settings.quick();
				case "--full" -> settings = Settings.full();
				case "--repo" -> repo = Path.of(args[++i]);
				case "--peers" -> only = List.of(args[++i].split(","));
				case "--scenarios" -> {
					extras = List.of(args[++i].split(","));
					settings = settings.only(extras);
				}
				case "--server-warmup-ms" -> settings = settings.withServerWarmup(Long.parseLong(args[++i]));
				case "--reps" -> settings = settings.withRepetitions(Integer.parseInt(args[++i]));
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		new BenchmarkSuite(settings, repo.toAbsolutePath().normalize(), only, extras).run(String.join(" ", args));
		// Selector threads of failed loads must not keep the JVM, and its shutdown hook, waiting.
		System.exit(0);
	}

	private void run(String arguments) throws IOException {
		Machine.recordLoad();
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
			runQuietly(() -> new EchoLoad(echo, new FrameTemplate(MessageKind.TEXT_ASCII, 64), 64, 8)
				.run(0, this.settings.serverWarmupMillis(), cpu));
			for (Scenario scenario : this.settings.scenarios(rep)) {
				if (scenario.deflate() && !peer.websocket()) {
					continue;
				}
				boolean json = scenario.kind() == MessageKind.TEXT_JSON;
				if (json && !Peers.servesJson(peer)) {
					continue;
				}
				Connector connector = scenario.deflate() ? new Connector(server.port(), "/echo", false, true)
						: json ? new Connector(server.port(), "/json", false) : echo;
				FrameTemplate template = json ? JsonOrder.template(scenario.size())
						: new FrameTemplate(scenario.kind(), scenario.size(), scenario.deflate());
				measure(scenario.id(), peer, () -> new EchoLoad(connector, template, scenario.connections(),
						scenario.depth())
					.run(this.settings.warmupMillis(), this.settings.measureMillis(), cpu));
			}
			boolean once = rep == 0;
			boolean broadcasts = peer.websocket() && (once || this.settings.repetitions() > 2);
			Connector broadcast = new Connector(server.port(), "/broadcast", false);
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
			long heapBefore = server.liveHeapBytes();
			long rssBefore = server.rssBytes();
			try (IdleHold hold = new IdleHold(new Connector(server.port(), "/echo", !peer.websocket()), count)) {
				settle();
				long heapAfter = server.liveHeapBytes();
				long rssAfter = server.rssBytes();
				double heap = (heapBefore < 0) ? Double.NaN : (heapAfter - heapBefore) / (double) count;
				this.results.idle(peer.id(), new Results.Idle(count, heap, (rssAfter - rssBefore) / (double) count));
				log(String.format("  idle %d: heap %.0f B/conn, RSS %.0f B/conn", count, heap,
						(rssAfter - rssBefore) / (double) count));
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
					result.percentileMicros(99), result.errors());
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
			log(String.format("  %-28s %,12.0f /s  %,12.0f /CPU-s  p50 %8.1f us  p99 %8.1f us  errors %d", scenario,
					sample.rate(), sample.perCpuSecond(), sample.p50Micros(), sample.p99Micros(), sample.errors()));
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

	private static void runQuietly(Load load) {
		try {
			load.run();
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
