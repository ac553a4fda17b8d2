package dev.wsboot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import dev.wsboot.benchmarks.client.BroadcastLoad;
import dev.wsboot.benchmarks.client.Connector;
import dev.wsboot.benchmarks.client.EchoLoad;
import dev.wsboot.benchmarks.client.FrameTemplate;
import dev.wsboot.benchmarks.client.LoadResult;
import dev.wsboot.benchmarks.client.MessageKind;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.ServerProcess;
import dev.wsboot.benchmarks.harness.Settings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the server allocates per message, from a JFR recording of the server process: the bytes
 * its threads allocated during the measured window (jdk.ThreadAllocationStatistics, sampled every
 * 100 ms) divided by the messages of the window, and where the sampled allocations came from
 * (jdk.ObjectAllocationSample). Speed is not measured here (JFR itself costs a little); this
 * proves what a message costs in garbage. The caller sets {@code BENCH_SERVER_JVM_ARGS} to start
 * the recording (see {@code benchmarks/run.sh alloc}). Arguments:
 * {@code --repo DIR --recording FILE --peers ID,ID [--scenarios ID,ID] [--out FILE]}; the scenario
 * {@code broadcast} is the 64 B broadcast burst.
 */
public final class AllocationProbe {

	private static final long MEASURE_MILLIS = 3000;

	private static final long WARMUP_MILLIS = 8000;

	private AllocationProbe() {
	}

	public static void main(String[] args) throws Exception {
		Path repo = Path.of(".");
		Path recording = null;
		Path out = null;
		List<String> peerIds = List.of("wsboot-io", "wsboot-exec", "wsboot-starter");
		List<String> scenarioIds = List.of(Settings.ECHO_SMALL, Settings.ECHO_1KIB_BINARY, BenchmarkSuite.BROADCAST);
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--repo" -> repo = Path.of(args[++i]);
				case "--recording" -> recording = Path.of(args[++i]);
				case "--out" -> out = Path.of(args[++i]);
				case "--peers" -> peerIds = List.of(args[++i].split(","));
				case "--scenarios" -> scenarioIds = List.of(args[++i].split(","));
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		if (recording == null) {
			throw new IllegalArgumentException("--recording FILE is required: the file BENCH_SERVER_JVM_ARGS records to");
		}
		StringBuilder report = new StringBuilder();
		report.append("# Allocations per message\n\n")
			.append("`benchmarks/run.sh alloc`, ").append(Instant.now()).append(". Each server runs under JFR; after ")
			.append(WARMUP_MILLIS / 1000).append(" s of the scenario's load, the bytes its threads allocate in a ")
			.append(MEASURE_MILLIS / 1000).append(" s window (jdk.ThreadAllocationStatistics every 100 ms) are divided by ")
			.append("the messages of the window (deliveries for the broadcast); threads named `ws-*` only (I/O loops, ")
			.append("handler pool, acceptor). The message itself is part of the figure: a 32 B text message as a `WsText` ")
			.append("is about 80 B, its outgoing frame (array and buffer) about 100 B; a 1 KiB binary message about 1,040 B, ")
			.append("its frame about 1,100 B.\n\n");
		Settings quick = Settings.quick();
		Peers peers = new Peers(repo.toAbsolutePath().normalize());
		for (String peerId : peerIds) {
			Peer peer = peers.all().stream().filter((p) -> p.id().equals(peerId)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No peer " + peerId));
			for (String scenarioId : scenarioIds) {
				Files.deleteIfExists(recording);
				Window window = new Window();
				LoadResult result;
				try (ServerProcess server = ServerProcess.start(peer, repo.resolve("benchmarks/target/bench-logs"))) {
					result = load(server, scenarioId, quick, window);
					dump(server.pid(), recording);
				}
				waitForRecording(recording);
				Allocations allocations = Allocations.read(recording, window);
				long messages = Math.round(result.messagesPerSecond() * MEASURE_MILLIS / 1000.0);
				report.append("## ").append(peerId).append(", ").append(scenarioId).append("\n\n")
					.append(String.format("%,d messages in the window, %,d B allocated by the server's threads: **%.1f B per message**%n%n",
							messages, allocations.bytes, allocations.bytes / (double) Math.max(1, messages)))
					.append("| share of sampled bytes | class | allocated at |\n|---:|---|---|\n");
				allocations.sites.entrySet().stream()
					.sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
					.limit(8)
					.forEach((site) -> report.append(String.format("| %.1f%% | %s |%n",
							100 * site.getValue() / allocations.sampledWeight, site.getKey())));
				report.append('\n');
				System.out.printf("%s %s: %.1f B/message%n", peerId, scenarioId, allocations.bytes / (double) Math.max(1, messages));
			}
		}
		if (out != null) {
			Files.writeString(out, report);
		}
		else {
			System.out.print(report);
		}
		System.exit(0);
	}

	private static LoadResult load(ServerProcess server, String scenarioId, Settings settings, Window window)
			throws IOException {
		DoubleSupplier cpu = window.wrap(server.cpuClock());
		if (scenarioId.equals(BenchmarkSuite.BROADCAST)) {
			return new BroadcastLoad(new Connector(server.port(), "/broadcast", false),
					new FrameTemplate(MessageKind.TEXT_ASCII, 64), settings.broadcastSubscribers(), settings.broadcastWindow())
				.run(WARMUP_MILLIS, MEASURE_MILLIS, cpu);
		}
		var scenario = java.util.stream.Stream.concat(settings.scenarios().stream(), Settings.full().scenarios().stream())
			.filter((s) -> s.id().equals(scenarioId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No scenario " + scenarioId));
		return new EchoLoad(new Connector(server.port(), "/echo", false),
				new FrameTemplate(scenario.kind(), scenario.size()), scenario.connections(), scenario.depth())
			.run(WARMUP_MILLIS, MEASURE_MILLIS, cpu);
	}

	/**
	 * Writes the recording while the server still runs: one that takes longer to stop than the
	 * harness waits (a Spring application's graceful shutdown) would never write it on exit.
	 */
	private static void dump(long pid, Path recording) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "JFR.dump", "filename=" + recording)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
	}

	/** The JVM writes the recording as it exits; the process may be gone a moment before the file is complete. */
	private static void waitForRecording(Path recording) throws InterruptedException, IOException {
		for (int i = 0; i < 100 && !Files.isRegularFile(recording); i++) {
			Thread.sleep(100);
		}
		Thread.sleep(500);
		if (!Files.isRegularFile(recording)) {
			throw new IOException("No recording at " + recording + ": is BENCH_SERVER_JVM_ARGS set (benchmarks/run.sh alloc)?");
		}
	}

	/** The wall-clock start and end of the measured window: the load reads the CPU clock at both. */
	private static final class Window {

		private final List<Instant> ticks = new ArrayList<>();

		DoubleSupplier wrap(DoubleSupplier clock) {
			return () -> {
				this.ticks.add(Instant.now());
				return clock.getAsDouble();
			};
		}

		Instant start() {
			return this.ticks.get(0);
		}

		Instant end() {
			return this.ticks.get(this.ticks.size() - 1);
		}

	}

	private static final class Allocations {

		long bytes;

		double sampledWeight;

		final Map<String, Double> sites = new LinkedHashMap<>();

		static Allocations read(Path recording, Window window) throws IOException {
			Allocations allocations = new Allocations();
			// Per thread: the last cumulative reading at or before the window's start, and at or before its end.
			Map<Long, Long> atStart = new HashMap<>();
			Map<Long, Long> atEnd = new HashMap<>();
			Instant start = window.start();
			Instant end = window.end();
			for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
				String type = event.getEventType().getName();
				Instant time = event.getStartTime();
				if (type.equals("jdk.ThreadAllocationStatistics") && isServerThread(event)) {
					long thread = event.getThread("thread").getJavaThreadId();
					long allocated = event.getLong("allocated");
					if (!time.isAfter(start)) {
						atStart.put(thread, allocated);
					}
					if (!time.isAfter(end)) {
						atEnd.put(thread, allocated);
					}
				}
				else if (type.equals("jdk.ObjectAllocationSample") && time.isAfter(start) && !time.isAfter(end)) {
					double weight = event.getLong("weight");
					allocations.sampledWeight += weight;
					allocations.sites.merge(site(event), weight, Double::sum);
				}
			}
			atEnd.forEach((thread, allocated) -> allocations.bytes += allocated - atStart.getOrDefault(thread, 0L));
			return allocations;
		}

		/** The engine's threads: I/O loops, handler pool and acceptor; not JFR's or the JVM's own. */
		private static boolean isServerThread(RecordedEvent event) {
			var thread = event.getThread("thread");
			return thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith("ws-");
		}

		private static String site(RecordedEvent event) {
			String allocated = event.getClass("objectClass").getName();
			StringBuilder where = new StringBuilder();
			if (event.getStackTrace() != null) {
				int shown = 0;
				for (RecordedFrame frame : event.getStackTrace().getFrames()) {
					String type = frame.getMethod().getType().getName();
					if (shown > 0) {
						where.append(" ← ");
					}
					where.append('`').append(type.substring(type.lastIndexOf('.') + 1)).append('.')
						.append(frame.getMethod().getName()).append('`');
					if (++shown == 3) {
						break;
					}
				}
			}
			return '`' + allocated + "` | " + where;
		}

	}

}
