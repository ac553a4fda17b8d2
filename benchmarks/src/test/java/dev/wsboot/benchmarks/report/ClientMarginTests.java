package dev.wsboot.benchmarks.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wsboot.benchmarks.BenchmarkSuite;
import dev.wsboot.benchmarks.client.MessageKind;
import dev.wsboot.benchmarks.harness.LoadClient;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

class ClientMarginTests {

	private static final Scenario ECHO = new Scenario("echo-64c-64B-ascii-p16", MessageKind.TEXT_ASCII, 64, 64, 16);

	private static final Peer RAW = new Peer("raw-c", "raw", false, false, (port) -> List.of(), null);

	private static final Peer FAST = new Peer("bun", "fast", false, true, (port) -> List.of(), null);

	private static final Peer SLOW = new Peer("slow", "slow", false, true, (port) -> List.of(), null);

	@Test
	void marginIsTheRawEchoRateOverTheFastestWebSocketServers() {
		String row = row(ECHO.id(), sample(3_000_000, 0.9), sample(1_500_000, 0.5), sample(500_000, 0.2));
		assertThat(row).contains("3,000,000 (raw-c)").contains("| bun | 1,500,000 |").contains("2.00×")
			.doesNotContain("client-bound");
	}

	@Test
	void marginBelowOnePointThreeWithABusyClientIsClientBound() {
		String row = row(ECHO.id(), sample(2_000_000, 1.0), sample(1_800_000, 0.95), sample(500_000, 0.2));
		assertThat(row).contains("1.11×").contains("**client-bound** |");
	}

	@Test
	void marginBelowOnePointThreeWithAnIdleClientIsPutAsADoubt() {
		String row = row(ECHO.id(), sample(700_000, 0.35), sample(600_000, 0.35), sample(500_000, 0.2));
		assertThat(row).contains("**client-bound?** the client had 65% of its time to spare");
	}

	@Test
	void withoutARawEchoTheMarginComesFromTheClientsBusyShare() {
		String row = row(BenchmarkSuite.BROADCAST, null, sample(200_000, 0.5), sample(100_000, 0.2));
		assertThat(row).contains("| Java |").contains("2.00× (from CPU)").doesNotContain("client-bound");
		assertThat(row(BenchmarkSuite.BROADCAST, null, sample(200_000, 0.9), null))
			.contains("1.11× (from CPU)").contains("**client-bound**");
	}

	private static String row(String id, Results.Sample raw, Results.Sample fast, Results.Sample slow) {
		Results results = new Results();
		results.declare(ECHO.id(), ECHO.title());
		results.declare(BenchmarkSuite.BROADCAST, "broadcast");
		results.client(ECHO.id(), LoadClient.C);
		results.client(BenchmarkSuite.BROADCAST, LoadClient.JAVA);
		for (Object[] entry : new Object[][] { { RAW, raw }, { FAST, fast }, { SLOW, slow } }) {
			if (entry[1] != null) {
				results.add(id, ((Peer) entry[0]).id(), (Results.Sample) entry[1]);
			}
		}
		List<String> lines = new ClientMargin(results, List.of(RAW, FAST, SLOW), List.of(ECHO)).lines();
		String title = id.equals(ECHO.id()) ? ECHO.title() : "broadcast";
		return lines.stream().filter((line) -> line.startsWith("| " + title + " |")).findFirst().orElseThrow();
	}

	private static Results.Sample sample(double rate, double clientBusy) {
		return new Results.Sample(rate, rate, 100, 1000, 0, clientBusy);
	}

}
