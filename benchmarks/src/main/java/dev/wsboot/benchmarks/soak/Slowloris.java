package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.benchmarks.client.HalfOpenFlood;
import dev.wsboot.benchmarks.client.PacedEcho;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.ServerProcess;

/**
 * Slowloris against the sample-app jar in its own process, the attacker in another (see
 * {@link FloodProcess}): a real client's echo and handshake
 * times without an attack, then while {@code --attackers} sockets (15,000) trickle upgrade
 * requests a byte every {@code --byte-every-ms} (3,000), replaced as the server closes them, for
 * {@code --attack-seconds} (60). Twice: with the defaults (the pending-handshake bound of 1,000
 * drops the oldest), and with that bound above the attack, so the handshake timeout alone closes
 * them. Writes docs/slowloris.md. Arguments: {@code [--repo DIR] [--attackers N]
 * [--attack-seconds N] [--byte-every-ms N] [--report FILE]}.
 */
public final class Slowloris {

	/** One configuration's figures. */
	record Run(String name, List<String> extraArguments, PacedEcho.Figures baseline, PacedEcho.Figures attack,
			HalfOpenFlood.Endings endings, double serverTimeouts, double serverDropped, double pendingAfter,
			long maxServerFds, double maxPending, long fdsBefore, long fdsAfter) {
	}

	private Slowloris() {
	}

	public static void main(String[] args) throws Exception {
		Path repo = Path.of(".");
		int attackers = 15_000;
		long attackSeconds = 60;
		long byteEvery = 3_000;
		String report = "docs/slowloris.md";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--repo" -> repo = Path.of(args[++i]);
				case "--attackers" -> attackers = Integer.parseInt(args[++i]);
				case "--attack-seconds" -> attackSeconds = Long.parseLong(args[++i]);
				case "--byte-every-ms" -> byteEvery = Long.parseLong(args[++i]);
				case "--report" -> report = args[++i];
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		repo = repo.toAbsolutePath().normalize();
		Instant started = Instant.now();
		String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
		List<Run> runs = new ArrayList<>();
		runs.add(run(repo, "defaults (ws.max-pending-handshakes 1000, ws.handshake-timeout 10s)", List.of(), attackers,
				attackSeconds, byteEvery));
		runs.add(run(repo, "handshake timeout alone (ws.max-pending-handshakes above the attack)",
				List.of("--ws.max-pending-handshakes=" + (attackers + 1000)), attackers, attackSeconds, byteEvery));
		String command = "benchmarks/soak.sh slowloris " + String.join(" ", args);
		Path file = repo.resolve(report);
		Files.writeString(file, SlowlorisReport.markdown(runs, attackers, attackSeconds, byteEvery, started, loadBefore,
				command));
		Soak.log("wrote " + file);
		boolean clean = runs.stream().allMatch((run) -> run.endings().stillOpen() == 0 && run.endings().other() == 0
				&& run.attack().connectFailures() == 0 && run.attack().echoErrors() == 0);
		System.exit(clean ? 0 : 1);
	}

	private static Run run(Path repo, String name, List<String> extra, int attackers, long attackSeconds, long byteEvery)
			throws IOException, InterruptedException {
		Soak.log("slowloris: " + name);
		int httpPort = ServerProcess.freePort();
		Peer peer = new Peers(repo).sampleApp("sample-app-slowloris", "the sample-app jar", (port) -> {
			List<String> line = new ArrayList<>(List.of("--ws.port=" + port, "--ws.host=127.0.0.1",
					"--server.port=" + httpPort, "--server.address=127.0.0.1", "--spring.main.banner-mode=off"));
			line.addAll(extra);
			return line;
		});
		if (peer.unavailable() != null) {
			throw new IOException(peer.unavailable());
		}
		try (ServerProcess server = ServerProcess.start(peer, repo.resolve("benchmarks/target/soak-logs"))) {
			ServerProbe probe = new ServerProbe(server, httpPort);
			probe.awaitActuator(Duration.ofSeconds(60));
			// Warm-up: the server's and this client's code compiled before anything is measured.
			new PacedEcho(server.port(), 100, 200).run(10_000);
			long fdsBefore = probe.fileDescriptors();
			PacedEcho.Figures baseline = new PacedEcho(server.port(), 100, 200).run(20_000);
			Soak.log("  baseline " + SlowlorisReport.summary(baseline));

			try (FloodProcess flood = FloodProcess.start(server.port(), attackers, 2_000, byteEvery, 25_000)) {
				long rampUntil = System.nanoTime() + 30_000_000_000L;
				while (flood.open() < attackers * 0.95 && System.nanoTime() < rampUntil && flood.isAlive()) {
					Soak.pause(200);
				}
				Soak.log("  attack holds " + flood.open() + " sockets");
				long[] maxFds = { 0 };
				double[] maxPending = { 0 };
				Thread sampler = Soak.daemon("slowloris-sampler", () -> {
					while (!Thread.currentThread().isInterrupted()) {
						try {
							maxFds[0] = Math.max(maxFds[0], probe.fileDescriptors());
						}
						catch (IOException ex) {
							return;
						}
						double pending = probe.metric("ws.handshakes.pending");
						if (!Double.isNaN(pending)) {
							maxPending[0] = Math.max(maxPending[0], pending);
						}
						Soak.pause(1_000);
					}
				});
				sampler.start();
				PacedEcho.Figures underAttack = new PacedEcho(server.port(), 100, 200).run(attackSeconds * 1000);
				Soak.log("  under attack " + SlowlorisReport.summary(underAttack));
				flood.stopHolding();
				HalfOpenFlood.Endings endings = flood.await(60_000);
				sampler.interrupt();
				sampler.join();
				Soak.log("  " + endings);
				Soak.pause(2_000);
				return new Run(name, extra, baseline, underAttack, endings,
						probe.metric("ws.handshakes.rejected", "reason:timeout"),
						probe.metric("ws.handshakes.rejected", "reason:pending-limit"),
						probe.metric("ws.handshakes.pending"), maxFds[0], maxPending[0], fdsBefore, probe.fileDescriptors());
			}
		}
	}

	static String timestamp(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
