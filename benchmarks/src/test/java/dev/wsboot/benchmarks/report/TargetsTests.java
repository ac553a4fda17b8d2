package dev.wsboot.benchmarks.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wsboot.benchmarks.BenchmarkSuite;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Settings;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTests {

	private final Results results = new Results();

	private void perCpu(String scenario, String peer, double value) {
		this.results.add(scenario, peer, new Results.Sample(value, value, 1, 2, 0));
	}

	private List<String> rows(String target, String workload) {
		return new Targets(this.results, Settings.quick()).lines()
			.stream()
			.filter((line) -> line.startsWith("| " + target + " | " + workload + " |"))
			.toList();
	}

	@Test
	void starterIsComparedWithWhicheverNettyTransportDidMore() {
		perCpu(Settings.ECHO_SMALL, Peers.STARTER, 1_500_000);
		perCpu(Settings.ECHO_SMALL, Peers.NETTY, 1_000_000);
		perCpu(Settings.ECHO_SMALL, Peers.NETTY_EPOLL, 1_250_000);
		assertThat(rows("Starter defaults ≥ 1.2× the better Netty", Settings.ECHO_SMALL))
			.containsExactly("| Starter defaults ≥ 1.2× the better Netty | " + Settings.ECHO_SMALL + " | wsboot-starter | "
					+ "netty-epoll | ≥ 1.20 | 1.20 | met |");
	}

	@Test
	void aMissSaysHowFarBelowTheGoalTheRatioIs() {
		perCpu(Settings.ECHO_64KIB, Peers.STARTER, 17_500);
		perCpu(Settings.ECHO_64KIB, Peers.NETTY, 35_000);
		assertThat(rows("Starter defaults ≥ 1.2× the better Netty", Settings.ECHO_64KIB))
			.singleElement()
			.asString()
			.endsWith("| netty | ≥ 1.20 | 0.50 | **missed** by 58% |");
	}

	@Test
	void aWorkloadThatDidNotRunIsNotMeasuredRatherThanMissed() {
		assertThat(rows("I/O thread ≥ 1.0× Bun", BenchmarkSuite.BROADCAST)).allSatisfy(
				(row) -> assertThat(row).endsWith("| not measured |"));
	}

	@Test
	void idleMemoryCountsDirectBuffersBesideTheHeap() {
		this.results.idle(Peers.IO, new Results.Idle(19_000, 700, 400, 2000));
		assertThat(rows("Idle memory ≤ 1,000 B heap + direct per connection", "19,000 idle connections"))
			.singleElement()
			.asString()
			.endsWith("| wsboot-io |  | ≤ 1,000 | 1,100 | **missed** by 10% |");
	}

	@Test
	void theJsonTargetAppearsOnlyForWsbootServersThatRanIt() {
		perCpu(Targets.JSON, Peers.STARTER, 300_000);
		perCpu(Settings.ECHO_1KIB_ASCII, Peers.STARTER, 400_000);
		perCpu(Targets.JSON, "spring-tomcat", 50_000);
		assertThat(rows("JSON echo ≥ 0.7× the 1 KiB ASCII text echo, same server", Targets.JSON)).singleElement()
			.asString()
			.contains("| wsboot-starter | " + Settings.ECHO_1KIB_ASCII + " | ≥ 0.70 | 0.75 | met |");
	}

}
