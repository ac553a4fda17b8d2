package dev.wsboot.engine.autobahn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the report of the fuzzing run that the autobahntestsuite plugin made just before, in the
 * same build. The plugin fails the build on a bad "behavior" only; this also fails it on a bad
 * "behaviorClose", the closing handshake Autobahn grades separately.
 */
class AutobahnReportIT {

	private static final Set<String> PASSING_BEHAVIOR = Set.of("OK", "NON-STRICT", "INFORMATIONAL");

	private static final Set<String> PASSING_CLOSE = Set.of("OK", "INFORMATIONAL");

	@Test
	void everyCaseBehavesAndClosesAsTheSpecRequires() throws Exception {
		Path index = Path.of(System.getProperty("autobahn.reports", "target/autobahntestsuite-reports"), "index.json");
		assertThat(index).as("the fuzzing client's index.json").exists();
		JsonNode agents = JsonMapper.builder().build().readTree(Files.readString(index));
		Map<String, JsonNode> cases = new TreeMap<>(AutobahnReportIT::compareCaseIds);
		agents.forEach((agent) -> agent.properties().forEach((entry) -> cases.put(entry.getKey(), entry.getValue())));
		assertThat(cases).as("cases in " + index).isNotEmpty();

		List<String> failures = new ArrayList<>();
		Map<String, List<String>> notOk = new TreeMap<>();
		cases.forEach((id, result) -> {
			String behavior = result.path("behavior").asString();
			String close = result.path("behaviorClose").asString();
			if (!"OK".equals(behavior) || !"OK".equals(close)) {
				notOk.computeIfAbsent(behavior + " / close " + close, (k) -> new ArrayList<>()).add(id);
			}
			if (!PASSING_BEHAVIOR.contains(behavior) || !PASSING_CLOSE.contains(close)) {
				failures.add(id + ": behavior " + behavior + ", close " + close + " (" + result.path("reportfile").asString() + ")");
			}
		});
		System.out.println("Autobahn|Testsuite: " + cases.size() + " cases, " + (cases.size() - count(notOk)) + " OK");
		notOk.forEach((outcome, ids) -> System.out.println("  " + outcome + ": " + ids));
		assertThat(failures).as("cases failed by the fuzzing client, reports in " + index.getParent()).isEmpty();
	}

	private static int count(Map<String, List<String>> groups) {
		return groups.values().stream().mapToInt(List::size).sum();
	}

	/** Orders "9.10.1" after "9.2.1": numerically, part by part. */
	private static int compareCaseIds(String a, String b) {
		String[] pa = a.split("\\.");
		String[] pb = b.split("\\.");
		for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
			int c = Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]));
			if (c != 0) {
				return c;
			}
		}
		return Integer.compare(pa.length, pb.length);
	}

}
