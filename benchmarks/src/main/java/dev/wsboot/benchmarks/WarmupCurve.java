package dev.wsboot.benchmarks;

import java.nio.file.Path;
import java.util.function.DoubleSupplier;

import dev.wsboot.benchmarks.client.Connector;
import dev.wsboot.benchmarks.client.EchoLoad;
import dev.wsboot.benchmarks.client.FrameTemplate;
import dev.wsboot.benchmarks.client.LoadResult;
import dev.wsboot.benchmarks.client.MessageKind;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.ServerProcess;

/**
 * How a freshly started server's echo rate grows: back-to-back windows on one process, each with
 * the server's messages per CPU-second and the CPU its JIT compilers took. The evidence behind
 * the suite's warm-up rule (docs/benchmarks/netty.md). Arguments:
 * {@code PEER SIZE KIND CONNECTIONS DEPTH WINDOWS WINDOW_MS [REPO]}, for example
 * {@code netty 64 TEXT_ASCII 64 16 12 2000}; run it pinned to CPU 1 like the suite. Extra server
 * JVM flags come from BENCH_SERVER_JVM_ARGS, as in the suite.
 */
public final class WarmupCurve {

	private WarmupCurve() {
	}

	public static void main(String[] args) throws Exception {
		String id = args[0];
		int size = Integer.parseInt(args[1]);
		MessageKind kind = MessageKind.valueOf(args[2]);
		int connections = Integer.parseInt(args[3]);
		int depth = Integer.parseInt(args[4]);
		int windows = Integer.parseInt(args[5]);
		long millis = Long.parseLong(args[6]);
		Path repo = Path.of((args.length > 7) ? args[7] : ".").toAbsolutePath().normalize();
		Peer peer = new Peers(repo).all()
			.stream()
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No peer " + id));
		try (ServerProcess server = ServerProcess.start(peer, repo.resolve("benchmarks/target/bench-logs"))) {
			DoubleSupplier cpu = server.cpuClock();
			Connector echo = new Connector(server.port(), "/echo", !peer.websocket());
			long start = System.nanoTime();
			System.out.println("window | ends at s | msgs/s | msgs per server CPU-s | server CPU-s | JIT CPU-s");
			for (int window = 1; window <= windows; window++) {
				double cpuBefore = server.cpuSeconds();
				double jitBefore = server.jitCpuSeconds();
				LoadResult result = new EchoLoad(echo, new FrameTemplate(kind, size), connections, depth).run(0, millis,
						cpu);
				System.out.printf("%d | %.1f | %,.0f | %,.0f | %.2f | %.2f%n", window, (System.nanoTime() - start) / 1e9,
						result.messagesPerSecond(), result.perCpuSecond(millis), server.cpuSeconds() - cpuBefore,
						server.jitCpuSeconds() - jitBefore);
			}
		}
		// Selector threads of the loads must not keep the JVM alive.
		System.exit(0);
	}

}
