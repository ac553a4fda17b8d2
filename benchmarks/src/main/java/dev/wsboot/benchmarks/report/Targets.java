package dev.wsboot.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.benchmarks.BenchmarkSuite;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Scenario;
import dev.wsboot.benchmarks.harness.Settings;

/**
 * Issue 14's performance targets, each checked against this run's medians per server CPU-second:
 * one row per target, workload and server, with the goal, the measured ratio and whether it was
 * met or by how much it was missed, so that no one has to do the arithmetic by hand.
 */
final class Targets {

	/** The JSON echo (record in, record out), when the run has it. */
	static final String JSON = "echo-64c-1KiB-json-p16";

	/** The workloads of issue 14's table, in its order. */
	private static final List<String> TABLE = List.of(Settings.ECHO_SMALL, Settings.ECHO_1KIB_BINARY,
			Settings.ECHO_1KIB_UTF8, Settings.ECHO_64KIB, Settings.ECHO_1MIB, BenchmarkSuite.BROADCAST,
			BenchmarkSuite.CHURN);

	/** The echoes and the burst that the engine must run at least at Bun's rate, handshakes too. */
	private static final List<String> AGAINST_BUN = List.of(Settings.ECHO_SMALL, Settings.ECHO_1KIB_BINARY,
			Settings.ECHO_1KIB_UTF8, Settings.ECHO_1KIB_ASCII, Settings.ECHO_64KIB, Settings.ECHO_1MIB,
			BenchmarkSuite.BROADCAST, BenchmarkSuite.CHURN);

	private static final String EXEC = "wsboot-exec";

	private final Results results;

	private final List<Scenario> scenarios;

	private final List<String> rows = new ArrayList<>();

	private int met;

	private int missed;

	Targets(Results results, Settings settings) {
		this.results = results;
		this.scenarios = settings.scenarios();
	}

	List<String> lines() {
		for (String workload : TABLE) {
			String netty = betterNetty(workload);
			ratio("Starter defaults ≥ 1.2× the better Netty", workload, Peers.STARTER, netty, 1.2);
		}
		for (String workload : TABLE) {
			ratio("Starter defaults ≥ 0.8× the starter on the I/O thread", workload, Peers.STARTER, Peers.STARTER_IO, 0.8);
			ratio("Starter defaults ≥ 0.8× the engine on the I/O thread", workload, Peers.STARTER, Peers.IO, 0.8);
		}
		for (String server : List.of(Peers.IO, Peers.STARTER_IO)) {
			for (String workload : AGAINST_BUN) {
				ratio("I/O thread ≥ 1.0× Bun", workload, server, Peers.BUN, 1.0);
			}
		}
		for (Scenario scenario : this.scenarios) {
			if (scenario.large() && !scenario.deflate()) {
				for (String server : List.of(Peers.STARTER, Peers.IO)) {
					ratio("Large messages: MB/s per CPU-s ≥ 0.8× raw Java", scenario.id(), server, Peers.RAW_JAVA, 0.8);
				}
			}
		}
		for (String server : List.of(Peers.IO, Peers.STARTER)) {
			check("1 KiB mixed UTF-8 ≥ 0.85× 1 KiB binary, same server", Settings.ECHO_1KIB_UTF8, server,
					Settings.ECHO_1KIB_BINARY, perCpu(Settings.ECHO_1KIB_UTF8, server) / perCpu(Settings.ECHO_1KIB_BINARY, server),
					0.85);
		}
		for (String server : this.results.peers(JSON)) {
			if (server.startsWith("wsboot")) {
				check("JSON echo ≥ 0.7× the 1 KiB ASCII text echo, same server", JSON, server, Settings.ECHO_1KIB_ASCII,
						perCpu(JSON, server) / perCpu(Settings.ECHO_1KIB_ASCII, server), 0.7);
			}
		}
		for (String server : List.of(Peers.IO, EXEC, Peers.STARTER, Peers.STARTER_IO)) {
			Results.Idle idle = this.results.idle().get(server);
			double bytes = (idle != null) ? idle.heapAndDirectBytesPerConnection() : Double.NaN;
			String at = (idle != null) ? String.format("%,d idle connections", idle.connections()) : "idle connections";
			atMost("Idle memory ≤ 1,000 B heap + direct per connection", at, server, bytes, 1000);
		}
		double lua = perCpu(Settings.ECHO_SMALL, Peers.LUA);
		atLeast("Lua echo ≥ 100,000 msgs per CPU-s (earlier target)", Settings.ECHO_SMALL, Peers.LUA, lua, 100_000);
		for (String server : List.of(Peers.IO, Peers.STARTER)) {
			double p99 = this.results.summary(BenchmarkSuite.PACED, server, Results.Sample::p99Micros).median() / 1000;
			atMost("Paced broadcast p99 ≤ 50 ms (earlier target)", BenchmarkSuite.PACED, server, p99, 50);
		}
		List<String> out = new ArrayList<>();
		out.add("## Targets");
		out.add("");
		out.add("Issue 14's targets, from this run's medians per server CPU-second (deliveries for the broadcast burst, "
				+ "open+close cycles for handshakes, bytes for large messages, where a ratio of messages at one size is "
				+ "the ratio of MB/s). \"The better Netty\" is whichever of `netty` (NIO) and `netty-epoll` did more "
				+ "on that workload. A miss says how far the ratio is below the goal, as a share of the goal. "
				+ String.format("**%d met, %d missed**", this.met, this.missed) + ", the rest not measured in this run.");
		out.add("");
		out.add("| target | workload | server | against | goal | measured | verdict |");
		out.add("|---|---|---|---|---:|---:|---|");
		out.addAll(this.rows);
		out.add("");
		return out;
	}

	/** Whichever Netty transport did more per CPU-second on {@code workload}. */
	private String betterNetty(String workload) {
		double nio = perCpu(workload, Peers.NETTY);
		double epoll = perCpu(workload, Peers.NETTY_EPOLL);
		return (Double.isNaN(nio) || epoll > nio) ? Peers.NETTY_EPOLL : Peers.NETTY;
	}

	private void ratio(String target, String workload, String server, String reference, double goal) {
		check(target, workload, server, reference, perCpu(workload, server) / perCpu(workload, reference), goal);
	}

	private void check(String target, String workload, String server, String reference, double ratio, double goal) {
		row(target, workload, server, reference, String.format("≥ %.2f", goal), ratio(ratio),
				verdict(ratio, ratio >= goal, (goal - ratio) / goal));
	}

	private void atLeast(String target, String workload, String server, double value, double goal) {
		row(target, workload, server, "", String.format("≥ %,.0f", goal), number(value),
				verdict(value, value >= goal, (goal - value) / goal));
	}

	private void atMost(String target, String workload, String server, double value, double goal) {
		row(target, workload, server, "", String.format("≤ %,.0f", goal), number(value),
				verdict(value, value <= goal, (value - goal) / goal));
	}

	private void row(String target, String workload, String server, String reference, String goal, String measured,
			String verdict) {
		this.rows.add("| " + target + " | " + workload + " | " + server + " | " + reference + " | " + goal + " | "
				+ measured + " | " + verdict + " |");
	}

	/** Met, or missed by the shortfall as a share of the goal; counts both. */
	private String verdict(double value, boolean ok, double shortfall) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "not measured";
		}
		if (ok) {
			this.met++;
			return "met";
		}
		this.missed++;
		return String.format("**missed** by %.0f%%", shortfall * 100);
	}

	private double perCpu(String scenario, String peer) {
		Results.Summary summary = this.results.summary(scenario, peer, Results.Sample::perCpuSecond);
		return (summary.count() == 0) ? Double.NaN : summary.median();
	}

	private static String ratio(double value) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? "–" : String.format("%.2f", value);
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "–" : String.format("%,.0f", value);
	}

}
