package dev.wsboot.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.wsboot.benchmarks.BenchmarkSuite;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Scenario;

/**
 * Whether the load client stayed ahead of the servers in this run. A client that cannot outrun
 * the fastest server measures itself, so every run shows, per echo scenario, the client's own
 * ceiling (its rate against the fastest raw echo, which does no WebSocket work) over the fastest
 * WebSocket server's rate, and flags a scenario below {@link #MIN_MARGIN} as client-bound. The
 * raw echoes take no part in permessage-deflate or broadcasts; there the margin is estimated from
 * how busy the client's thread was: busy a share s of the time it could run, it had room for 1/s
 * times the rate.
 */
final class ClientMargin {

	/** Below this, a server's figure may be the client's: the scenario is flagged client-bound. */
	static final double MIN_MARGIN = 1.3;

	private static final String FLAG = "**client-bound**";

	private final Results results;

	private final List<Peer> peers;

	private final List<Scenario> echoes;

	ClientMargin(Results results, List<Peer> peers, List<Scenario> echoes) {
		this.results = results;
		this.peers = peers;
		this.echoes = echoes;
	}

	List<String> lines() {
		List<String> out = new ArrayList<>();
		out.add("## Load client margin");
		out.add("");
		out.add("The client's ceiling is its rate against the fastest raw echo (no handshake, no framing, no "
				+ "checks on the server's side), divided here by the fastest WebSocket server's rate in the same "
				+ "scenario; below " + MIN_MARGIN + "× the scenario is flagged " + FLAG + ": the server's figure may "
				+ "then be the client's. Client busy: the CPU time of the client's load thread over the time it "
				+ "could have run, that is the window less what it waited in the run queue while other work had its "
				+ "core (`/proc/thread-self/schedstat`; for the Java client its collector and compiler threads count "
				+ "as such work; the C client polls without sleeping while replies keep coming, and the CPU time it polled in vain is left out); "
				+ "100% means it had nothing to spare. Where no raw echo takes part "
				+ "(permessage-deflate, broadcasts) the margin is estimated as 1 ÷ the client's busy share at the "
				+ "fastest server, marked \"from CPU\". A client busier than 1 ÷ " + MIN_MARGIN + " at the fastest "
				+ "server is flagged too; a margin below " + MIN_MARGIN + "× while the client had time to spare is "
				+ "flagged with a question mark: the raw echo's own core was then the limit, as on a shared machine.");
		out.add("");
		out.add("| scenario | client | ceiling msgs/s (raw echo) | client busy | fastest WebSocket server | msgs/s | client busy | margin | |");
		out.add("|---|---|---:|---:|---|---:|---:|---:|---|");
		for (Scenario scenario : this.echoes) {
			out.add(row(scenario.id(), scenario.title()));
		}
		for (String burst : List.of(BenchmarkSuite.BROADCAST, BenchmarkSuite.BROADCAST_1KIB)) {
			if (fastest(burst, true) != null) {
				out.add(row(burst, this.results.titles().get(burst)));
			}
		}
		out.add("");
		return out;
	}

	private String row(String id, String title) {
		Peer raw = fastest(id, false);
		Peer server = fastest(id, true);
		Results.Summary ceiling = (raw != null) ? rate(id, raw) : Results.Summary.of(List.of());
		Results.Summary best = (server != null) ? rate(id, server) : Results.Summary.of(List.of());
		double ceilingShare = (raw != null) ? share(id, raw) : Double.NaN;
		double serverShare = (server != null) ? share(id, server) : Double.NaN;
		double margin;
		String how;
		if (ceiling.count() > 0 && best.count() > 0) {
			margin = ceiling.median() / best.median();
			how = "";
		}
		else {
			margin = 1 / serverShare;
			how = " (from CPU)";
		}
		String flag = flag(margin, serverShare);
		return "| " + title + " | " + Objects.requireNonNullElse(this.results.client(id), "–") + " | "
				+ ((raw != null) ? num(ceiling.median()) + " (" + raw.id() + ")" : "–") + " | " + percent(ceilingShare)
				+ " | " + ((server != null) ? server.id() : "–") + " | "
				+ num(best.median()) + " | " + percent(serverShare) + " | "
				+ (Double.isNaN(margin) ? "–" : String.format("%.2f×", margin) + how) + " | " + flag + " |";
	}

	/**
	 * Client-bound below the minimum margin, or when the client was too busy at the fastest server
	 * to have that margin left; a margin below the minimum while the client had time to spare
	 * says the raw echo was held back (its core taken by other work), so the flag is put as a doubt.
	 */
	private static String flag(double margin, double busy) {
		if (Double.isNaN(margin)) {
			return "not established";
		}
		boolean busyClient = busy * MIN_MARGIN > 1;
		if (margin < MIN_MARGIN) {
			return (busyClient || Double.isNaN(busy)) ? FLAG
					: "**client-bound?** the client had " + percent(1 - busy)
							+ " of its time to spare there: the raw echo was held back";
		}
		return busyClient ? FLAG + " by CPU: busy " + percent(busy) + " at the fastest server" : "";
	}

	/** The peer with the highest median rate among the WebSocket servers, or among the raw echoes. */
	private Peer fastest(String id, boolean websocket) {
		Peer fastest = null;
		double rate = 0;
		for (Peer peer : this.peers) {
			Results.Summary summary = rate(id, peer);
			if (peer.websocket() == websocket && summary.count() > 0 && summary.median() > rate) {
				fastest = peer;
				rate = summary.median();
			}
		}
		return fastest;
	}

	private Results.Summary rate(String id, Peer peer) {
		return this.results.summary(id, peer.id(), Results.Sample::rate);
	}

	private double share(String id, Peer peer) {
		return this.results.summary(id, peer.id(), Results.Sample::clientCpuShare).median();
	}

	private static String percent(double share) {
		return Double.isNaN(share) ? "–" : String.format("%.0f%%", share * 100);
	}

	private static String num(double value) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? "–" : String.format("%,.0f", value);
	}

}
