package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.benchmarks.client.SoakLoad;
import dev.wsboot.benchmarks.client.SoakPlan;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.ServerProcess;
import dev.wsboot.benchmarks.soak.SoakRecords.Checkpoint;
import dev.wsboot.benchmarks.soak.SoakRecords.Sample;

/**
 * The soak: the sample-app jar in its own process on CPU 0 with its own settings, this JVM's
 * clients on CPU 1 (see {@link SoakLoad}), the server sampled every five seconds, and
 * docs/soak.md with its charts written at the end. Arguments:
 * {@code [--repo DIR] [--minutes N] [--clients N] [--report FILE]}. Exits 1 when a reader lost,
 * duplicated or reordered a message.
 */
public final class Soak {

	static final String[] CLOSE_REASONS = { "normal", "going-away", "policy", "slow-client", "idle-timeout", "abnormal",
			"protocol-error", "server-error", "other" };

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		Path repo = Path.of(".");
		double minutes = 10;
		int clients = 5000;
		String report = "docs/soak.md";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--repo" -> repo = Path.of(args[++i]);
				case "--minutes" -> minutes = Double.parseDouble(args[++i]);
				case "--clients" -> clients = Integer.parseInt(args[++i]);
				case "--report" -> report = args[++i];
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		repo = repo.toAbsolutePath().normalize();
		SoakPlan plan = SoakPlan.standard(clients, (long) (minutes * 60_000));
		boolean clean = run(repo, plan, repo.resolve(report), String.join(" ", args));
		System.exit(clean ? 0 : 1);
	}

	private static boolean run(Path repo, SoakPlan plan, Path report, String arguments)
			throws IOException, InterruptedException {
		int httpPort = ServerProcess.freePort();
		List<String> serverArguments = new ArrayList<>();
		Peer peer = new Peers(repo).sampleApp("sample-app", "the sample-app jar with its application.yml", (port) -> {
			List<String> line = List.of("--ws.port=" + port, "--ws.host=127.0.0.1", "--server.port=" + httpPort,
					"--server.address=127.0.0.1", "--spring.main.banner-mode=off");
			serverArguments.clear();
			serverArguments.addAll(line);
			return line;
		});
		if (peer.unavailable() != null) {
			throw new IOException(peer.unavailable());
		}
		Instant started = Instant.now();
		String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
		try (ServerProcess server = ServerProcess.start(peer, repo.resolve("benchmarks/target/soak-logs"))) {
			ServerProbe probe = new ServerProbe(server, httpPort);
			probe.awaitActuator(Duration.ofSeconds(60));
			log("server pid " + server.pid() + " ws port " + server.port() + " http port " + httpPort);
			pause(5_000);
			List<Checkpoint> checkpoints = new ArrayList<>();
			long t0 = System.nanoTime();
			checkpoints.add(checkpoint("start", probe, t0));

			AtomicLong slow = new AtomicLong();
			Thread slowPoll = daemon("soak-slow-poll", () -> {
				while (!Thread.currentThread().isInterrupted()) {
					double judged = probe.metric("ws.clients.slow");
					if (!Double.isNaN(judged)) {
						slow.set((long) judged);
					}
					pause(500);
				}
			});
			SoakLoad load = new SoakLoad(server.port(), plan, slow::get);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			Thread clientThread = daemon("soak-clients", () -> {
				try {
					load.run();
				}
				catch (IOException | RuntimeException ex) {
					failure.set(ex);
				}
			});
			slowPoll.start();
			clientThread.start();
			List<Sample> samples = new ArrayList<>();
			long middle = t0 + plan.durationMillis() * 500_000L;
			while (clientThread.isAlive()) {
				samples.add(sample(probe, load, t0));
				Sample last = samples.get(samples.size() - 1);
				log(String.format("t=%4.0fs clients %5.0f server %5.0f fds %5.0f threads %3.0f heap %5.0f MiB direct %4.0f MiB sent %,.0f received %,.0f",
						last.seconds(), last.clientsOpen(), last.serverActive(), last.fileDescriptors(), last.threads(),
						last.heapUsedMiB(), last.directMiB(), last.messagesSent(), last.messagesReceived()));
				if (checkpoints.size() == 1 && System.nanoTime() >= middle) {
					checkpoints.add(checkpoint("middle", probe, t0));
				}
				clientThread.join(5_000);
			}
			if (failure.get() != null) {
				throw new IOException("The clients failed", failure.get());
			}
			// After the clients left: the server must come back to where it started.
			long settleUntil = System.nanoTime() + 60_000_000_000L;
			while (probe.metric("ws.connections.active") > 0 && System.nanoTime() < settleUntil) {
				pause(1_000);
			}
			pause(10_000);
			samples.add(sample(probe, load, t0));
			checkpoints.add(checkpoint("end", probe, t0));
			slowPoll.interrupt();
			Map<String, Double> counters = serverCounters(probe);
			SoakReport result = new SoakReport(plan, load.tally(), samples, checkpoints, counters, started, loadBefore,
					"benchmarks/soak.sh " + arguments, serverArguments);
			result.write(report);
			log("wrote " + report);
			return result.clean();
		}
	}

	private static Map<String, Double> serverCounters(ServerProbe probe) {
		Map<String, Double> counters = new LinkedHashMap<>();
		counters.put("ws.connections.opened", probe.metric("ws.connections.opened"));
		for (String reason : CLOSE_REASONS) {
			counters.put("ws.connections.closed{reason=" + reason + "}", probe.metric("ws.connections.closed", "reason:" + reason));
		}
		counters.put("ws.clients.slow", probe.metric("ws.clients.slow"));
		counters.put("ws.handshakes.rejected", probe.metric("ws.handshakes.rejected"));
		counters.put("ws.messages.received", probe.metric("ws.messages.received"));
		counters.put("ws.messages.sent", probe.metric("ws.messages.sent"));
		counters.put("ws.messages.dropped", probe.metric("ws.messages.dropped"));
		return counters;
	}

	private static Checkpoint checkpoint(String name, ServerProbe probe, long t0) throws IOException {
		long heap = probe.heapAfterGc();
		Checkpoint checkpoint = new Checkpoint(name, (System.nanoTime() - t0) / 1e9, probe.metric("ws.connections.active"),
				probe.fileDescriptors(), probe.threads(), heap, probe.metric("jvm.buffer.memory.used", "id:direct"),
				probe.rssBytes(), probe.server().cpuSeconds(), probe.threadNames());
		log(String.format("checkpoint %s: active %.0f fds %d threads %d heap after GC %.1f MiB direct %.1f MiB", name,
				checkpoint.serverActive(), checkpoint.fileDescriptors(), checkpoint.threads(), heap / 1048576.0,
				checkpoint.directBytes() / 1048576.0));
		return checkpoint;
	}

	private static Sample sample(ServerProbe probe, SoakLoad load, long t0) throws IOException {
		String[] loadAverage = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
		return new Sample((System.nanoTime() - t0) / 1e9, load.tally().open(), probe.metric("ws.connections.active"),
				probe.fileDescriptors(), probe.threads(), probe.metric("jvm.memory.used", "area:heap") / 1048576.0,
				probe.metric("jvm.buffer.memory.used", "id:direct") / 1048576.0, probe.rssBytes() / 1048576.0,
				load.tally().sent(), load.tally().received(), Double.parseDouble(loadAverage[0]), otherBuilds());
	}

	/** Maven and Surefire JVMs that are not ours: the other engineers' builds on this machine. */
	static int otherBuilds() {
		long self = ProcessHandle.current().pid();
		return (int) ProcessHandle.allProcesses()
			.filter((process) -> process.pid() != self)
			.filter((process) -> process.info().commandLine().map(Soak::isBuild).orElse(false))
			.count();
	}

	private static boolean isBuild(String commandLine) {
		return commandLine.contains("plexus-classworlds") || commandLine.contains("surefirebooter");
	}

	static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	static void pause(long millis) {
		LockSupport.parkNanos(millis * 1_000_000L);
	}

	static void log(String line) {
		System.out.println(line);
	}

}
