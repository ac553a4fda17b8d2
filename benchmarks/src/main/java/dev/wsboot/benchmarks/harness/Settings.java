package dev.wsboot.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.benchmarks.client.MessageKind;

/**
 * How long and how much: the quick variant measures the targets' workloads in short windows,
 * the full one every scenario three times in longer ones. Both run the same kinds of scenario.
 */
public record Settings(String name, int repetitions, long serverWarmupMillis, long warmupMillis, long measureMillis,
		List<Scenario> scenarios, int broadcastSubscribers, int broadcastWindow, int churnConcurrency,
		int idleConnections, boolean freshServerForIdle, int repeatedScenarios, Fanout fanout) {

	/**
	 * The paced broadcasts: many subscribers at a live feed's rate, and the slow-consumer pair
	 * (the same load with and without one subscriber that never reads).
	 */
	public record Fanout(int pacedSubscribers, int pacedPerSecond, int slowSubscribers, int slowPerSecond,
			long pacedMeasureMillis) {
	}

	/** The scenarios of one repetition: after the first, the quick variant repeats only the leading ones. */
	public List<Scenario> scenarios(int repetition) {
		return (repetition == 0) ? this.scenarios : this.scenarios.subList(0, Math.min(this.repeatedScenarios, this.scenarios.size()));
	}

	public Settings withRepetitions(int count) {
		return new Settings(this.name, count, this.serverWarmupMillis, this.warmupMillis, this.measureMillis,
				this.scenarios, this.broadcastSubscribers, this.broadcastWindow, this.churnConcurrency,
				this.idleConnections, this.freshServerForIdle, this.repeatedScenarios, this.fanout);
	}

	public Settings withServerWarmup(long millis) {
		return new Settings(this.name, this.repetitions, millis, this.warmupMillis, this.measureMillis, this.scenarios,
				this.broadcastSubscribers, this.broadcastWindow, this.churnConcurrency, this.idleConnections,
				this.freshServerForIdle, this.repeatedScenarios, this.fanout);
	}

	public Settings only(List<String> ids) {
		List<Scenario> kept = this.scenarios.stream().filter((s) -> ids.contains(s.id())).toList();
		return new Settings(this.name, this.repetitions, this.serverWarmupMillis, this.warmupMillis, this.measureMillis,
				kept, this.broadcastSubscribers, this.broadcastWindow, this.churnConcurrency, this.idleConnections,
				this.freshServerForIdle, this.repeatedScenarios, this.fanout);
	}

	/** The compressed counterpart of the 1 KiB mixed UTF-8 echo, in both variants. */
	public static final String DEFLATE_SCENARIO = "echo-64c-1KiB-utf8-deflate-p16";

	/** The typed JSON echo (record in, record out), run only by the peers that serve {@code /json}. */
	public static final String JSON_SCENARIO = "echo-64c-1KiB-json-p16";

	/** The workloads of issue 14's table and targets, in both variants (report.Targets reads them by id). */
	public static final String ECHO_SMALL = "echo-64c-32B-ascii-p16";

	public static final String ECHO_1KIB_BINARY = "echo-64c-1KiB-binary-p16";

	public static final String ECHO_1KIB_UTF8 = "echo-64c-1KiB-utf8-p16";

	public static final String ECHO_1KIB_ASCII = "echo-64c-1KiB-ascii-p16";

	public static final String ECHO_64KIB = "echo-8c-64KiB-binary-p2";

	public static final String ECHO_1MIB = "echo-2c-1MiB-binary-np";

	/** The broadcast burst's subscribers and the handshakes' concurrency, as in issue 14's table. */
	private static final int BROADCAST_SUBSCRIBERS = 2000;

	private static final int HANDSHAKE_CONCURRENCY = 64;

	/** The targets' workloads first: the quick variant repeats only these. */
	private static List<Scenario> targetWorkloads() {
		List<Scenario> scenarios = new ArrayList<>();
		scenarios.add(new Scenario(ECHO_SMALL, MessageKind.TEXT_ASCII, 32, 64, 16));
		scenarios.add(new Scenario(ECHO_1KIB_BINARY, MessageKind.BINARY, 1024, 64, 16));
		scenarios.add(new Scenario(ECHO_1KIB_UTF8, MessageKind.TEXT_UTF8, 1024, 64, 16));
		scenarios.add(new Scenario(ECHO_1KIB_ASCII, MessageKind.TEXT_ASCII, 1024, 64, 16));
		return scenarios;
	}

	public static Settings quick() {
		List<Scenario> scenarios = targetWorkloads();
		scenarios.add(new Scenario("echo-64c-64B-ascii-np", MessageKind.TEXT_ASCII, 64, 64, 1));
		scenarios.add(new Scenario(DEFLATE_SCENARIO, MessageKind.TEXT_UTF8, 1024, 64, 16, true));
		scenarios.add(new Scenario(JSON_SCENARIO, MessageKind.TEXT_JSON, 1024, 64, 16));
		scenarios.add(new Scenario(ECHO_64KIB, MessageKind.BINARY, 64 * 1024, 8, 2));
		scenarios.add(new Scenario(ECHO_1MIB, MessageKind.BINARY, 1024 * 1024, 2, 1));
		// Two repetitions of the four small-message target workloads; everything else once. The
		// server warm-up is a minimum: it goes on until the JIT compilers are quiet (Warmup).
		return new Settings("quick", 2, 3000, 200, 500, scenarios, BROADCAST_SUBSCRIBERS, 4, HANDSHAKE_CONCURRENCY,
				19_000, false, 4, new Fanout(19_000, 10, 1000, 100, 2000));
	}

	public static Settings full() {
		List<Scenario> scenarios = targetWorkloads();
		for (int connections : new int[] { 64, 500 }) {
			scenarios.add(new Scenario("echo-" + connections + "c-64B-ascii-p16", MessageKind.TEXT_ASCII, 64, connections, 16));
			scenarios.add(new Scenario("echo-" + connections + "c-64B-ascii-np", MessageKind.TEXT_ASCII, 64, connections, 1));
		}
		scenarios.add(new Scenario("echo-16c-64B-ascii-np", MessageKind.TEXT_ASCII, 64, 16, 1));
		scenarios.add(new Scenario("echo-64c-20B-binary-p16", MessageKind.BINARY, 20, 64, 16));
		scenarios.add(new Scenario("echo-64c-1KiB-utf8-np", MessageKind.TEXT_UTF8, 1024, 64, 1));
		scenarios.add(new Scenario(DEFLATE_SCENARIO, MessageKind.TEXT_UTF8, 1024, 64, 16, true));
		scenarios.add(new Scenario("echo-64c-1KiB-binary-deflate-p16", MessageKind.BINARY, 1024, 64, 16, true));
		scenarios.add(new Scenario("echo-500c-20B-binary-np", MessageKind.BINARY, 20, 500, 1));
		scenarios.add(new Scenario(ECHO_64KIB, MessageKind.BINARY, 64 * 1024, 8, 2));
		scenarios.add(new Scenario("echo-4c-64KiB-binary-np", MessageKind.BINARY, 64 * 1024, 4, 1));
		scenarios.add(new Scenario("echo-4c-64KiB-utf8-deflate-np", MessageKind.TEXT_UTF8, 64 * 1024, 4, 1, true));
		scenarios.add(new Scenario("echo-4c-64KiB-utf8-np", MessageKind.TEXT_UTF8, 64 * 1024, 4, 1));
		scenarios.add(new Scenario("echo-2c-256KiB-binary-np", MessageKind.BINARY, 256 * 1024, 2, 1));
		scenarios.add(new Scenario(ECHO_1MIB, MessageKind.BINARY, 1024 * 1024, 2, 1));
		scenarios.add(new Scenario("echo-2c-1MiB-utf8-np", MessageKind.TEXT_UTF8, 1024 * 1024, 2, 1));
		scenarios.add(new Scenario("echo-1c-16MiB-binary-np", MessageKind.BINARY, 16 * 1024 * 1024 - 64, 1, 1));
		scenarios.add(new Scenario(JSON_SCENARIO, MessageKind.TEXT_JSON, 1024, 64, 16));
		// Every scenario, broadcast and churn three times, so that every figure is a median of three,
		// in windows four times the quick one's: 97 minutes on 2026-12-02. With 5 s windows it would take
		// about three hours, too long to run beside any other work on a two-core machine.
		return new Settings("full", 3, 5000, 500, 2000, scenarios, BROADCAST_SUBSCRIBERS, 4, HANDSHAKE_CONCURRENCY,
				19_000, true, scenarios.size(), new Fanout(19_000, 10, 1000, 100, 3000));
	}

}
