package dev.wsboot.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.benchmarks.BenchmarkSuite;
import dev.wsboot.benchmarks.client.MessageKind;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Scenario;
import dev.wsboot.benchmarks.harness.Settings;

/**
 * The project's performance targets, each checked against this run's medians: the table says met
 * or missed and by how much, so no one has to do the arithmetic by hand.
 */
final class Targets {

	private static final String IO = "wsboot-io";

	private static final String EXEC = "wsboot-exec";

	private static final String STARTER = "wsboot-starter";

	private final Results results;

	/** Small-message echo scenarios without compression; the first is the headline one. */
	private final List<Scenario> small;

	private final List<String> rows = new ArrayList<>();

	Targets(Results results, List<Scenario> smallEcho) {
		this.results = results;
		this.small = smallEcho.stream().filter((s) -> !s.deflate() && s.kind() != MessageKind.TEXT_JSON).toList();
	}

	List<String> lines() {
		List<String> out = new ArrayList<>();
		out.add("## Targets");
		out.add("");
		out.add("Every ratio is per server CPU-second, from this run's medians. \"Headline\" is the first small-message "
				+ "scenario (" + (this.small.isEmpty() ? "none run" : this.small.get(0).title()) + "); \"worst\" is the "
				+ "lowest ratio over every small-message echo scenario without compression, which must meet the goal too.");
		out.add("");
		out.add("| target | goal | server | headline | worst (scenario) | verdict |");
		out.add("|---|---:|---|---:|---:|---|");
		for (String wsboot : List.of(IO, EXEC)) {
			echoRatio("Small-message echo ÷ raw Java echo", 0.9, wsboot, Peers.RAW_JAVA);
			echoRatio("Small-message echo ÷ raw C epoll echo", 0.75, wsboot, Peers.RAW_C);
			echoRatio("÷ Netty", 1.2, wsboot, Peers.NETTY);
			echoRatio("÷ Jetty", 2, wsboot, "jetty");
			echoRatio("÷ Spring WebSocket on Tomcat", 2, wsboot, "spring-tomcat");
			echoRatio("÷ Java-WebSocket", 2, wsboot, "java-websocket");
			echoRatio("÷ Node ws", 5, wsboot, "node-ws");
			echoRatio("÷ Bun (uWebSockets)", 0.6, wsboot, "bun");
		}
		echoRatio("Starter ÷ engine alone (both EXECUTOR)", 0.85, STARTER, EXEC);
		if (!this.small.isEmpty()) {
			double lua = perCpu(this.small.get(0).id(), Peers.LUA);
			this.rows.add("| Lua echo (" + this.small.get(0).id() + "): messages per CPU-second | ≥ 100,000 | "
					+ Peers.LUA + " | " + (Double.isNaN(lua) ? "–" : String.format("%,.0f", lua)) + " | | "
					+ verdict(lua >= 100_000, Double.isNaN(lua)) + " |");
			double ratio = lua / perCpu(this.small.get(0).id(), Peers.CONTROLLER);
			this.rows.add("| Lua echo ÷ the same echo as a @WsController | (reported) | " + Peers.LUA + " | " + ratio(ratio)
					+ " | | " + (Double.isNaN(ratio) ? "not measured" : "reported") + " |");
		}
		for (String wsboot : List.of(IO, EXEC)) {
			double utf8 = perCpu("echo-64c-1KiB-utf8-p16", wsboot);
			double binary = perCpu("echo-64c-1KiB-binary-p16", wsboot);
			row("1 KiB mixed UTF-8 ÷ 1 KiB binary (at most 15% slower)", "≥ 0.85", wsboot, utf8 / binary,
					utf8 / binary >= 0.85);
		}
		jsonRatio();
		for (String wsboot : List.of(IO, EXEC, STARTER)) {
			Results.Idle idle = this.results.idle().get(wsboot);
			double heap = (idle != null) ? idle.heapBytesPerConnection() : Double.NaN;
			this.rows.add("| Idle connection: live heap per connection | ≤ 2,000 B (stretch 1,000) | " + wsboot + " | "
					+ bytes(heap) + " | | " + verdict(heap <= 2000, Double.isNaN(heap)) + ((heap <= 1000) ? ", stretch met" : "")
					+ " |");
		}
		for (String wsboot : List.of(IO, EXEC)) {
			double rate = perCpu(BenchmarkSuite.BROADCAST, wsboot);
			this.rows.add("| Broadcast 64 B: deliveries per CPU-second | ≥ 1,000,000 | " + wsboot + " | "
					+ String.format("%,.0f", rate) + " | | " + verdict(rate >= 1_000_000, Double.isNaN(rate)) + " |");
		}
		for (String wsboot : List.of(IO, EXEC, STARTER)) {
			double p99 = this.results.summary(BenchmarkSuite.PACED, wsboot, Results.Sample::p99Micros).median() / 1000;
			this.rows.add("| Paced broadcast: p99 delivery (" + this.results.titles().get(BenchmarkSuite.PACED) + ") | "
					+ "< 50 ms | " + wsboot + " | " + String.format("%,.1f ms", p99) + " | | "
					+ verdict(p99 < 50, Double.isNaN(p99)) + " |");
		}
		out.addAll(this.rows);
		out.add("");
		return out;
	}

	/**
	 * The typed JSON echo against the same server's plain text echo of the same size: the 1 KiB
	 * ASCII one when it ran (JSON is ASCII text), else the mixed UTF-8 one.
	 */
	private void jsonRatio() {
		for (String server : List.of(STARTER, "spring-tomcat")) {
			double json = perCpu(Settings.JSON_SCENARIO, server);
			String plain = Double.isNaN(perCpu("echo-64c-1KiB-ascii-p16", server)) ? "echo-64c-1KiB-utf8-p16"
					: "echo-64c-1KiB-ascii-p16";
			double ratio = json / perCpu(plain, server);
			row("1 KiB JSON echo (record in, record out) ÷ " + plain, "≥ 0.7", server, ratio, ratio >= 0.7);
		}
	}

	/** One echo ratio, headline and worst, against a goal. */
	private void echoRatio(String label, double goal, String server, String reference) {
		if (this.small.isEmpty()) {
			return;
		}
		double headline = Double.NaN;
		double worst = Double.POSITIVE_INFINITY;
		String worstScenario = "";
		for (Scenario scenario : this.small) {
			double ratio = perCpu(scenario.id(), server) / perCpu(scenario.id(), reference);
			if (Double.isNaN(ratio)) {
				continue;
			}
			if (scenario == this.small.get(0)) {
				headline = ratio;
			}
			if (ratio < worst) {
				worst = ratio;
				worstScenario = scenario.id();
			}
		}
		if (worst == Double.POSITIVE_INFINITY) {
			worst = Double.NaN;
		}
		String verdict = Double.isNaN(headline) ? "not measured"
				: (headline < goal) ? "**missed**" : (worst < goal) ? "headline met, **worst missed**" : "met";
		this.rows.add("| " + label + " | ≥ " + goal + " | " + server + " | " + ratio(headline) + " | "
				+ (Double.isNaN(worst) ? "" : ratio(worst) + " (" + worstScenario + ")") + " | " + verdict + " |");
	}

	private void row(String label, String goal, String server, double value, boolean met) {
		this.rows.add("| " + label + " | " + goal + " | " + server + " | " + ratio(value) + " | | "
				+ verdict(met, Double.isNaN(value)) + " |");
	}

	private double perCpu(String scenario, String peer) {
		Results.Summary summary = this.results.summary(scenario, peer, Results.Sample::perCpuSecond);
		return (summary.count() == 0) ? Double.NaN : summary.median();
	}

	private static String verdict(boolean met, boolean unmeasured) {
		return unmeasured ? "not measured" : met ? "met" : "**missed**";
	}

	private static String ratio(double value) {
		return Double.isNaN(value) ? "–" : String.format("%.2f", value);
	}

	private static String bytes(double value) {
		return Double.isNaN(value) ? "–" : String.format("%,.0f B", value);
	}

}
