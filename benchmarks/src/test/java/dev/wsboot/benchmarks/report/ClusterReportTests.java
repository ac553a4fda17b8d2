package dev.wsboot.benchmarks.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterReportTests {

	private static final String SECTION = ClusterReport.BEGIN + "\n## Cluster over Redis\n\nnew\n" + ClusterReport.END + "\n";

	@Test
	void sectionIsAppendedToAReportWithoutOne() {
		assertThat(ClusterReport.withSection("# wsboot benchmarks\n\ntext\n", SECTION))
			.isEqualTo("# wsboot benchmarks\n\ntext\n\n" + SECTION);
	}

	@Test
	void sectionReplacesTheOneBeforeAndKeepsWhatFollows() {
		String before = "# b\n\n" + ClusterReport.BEGIN + "\nold\n" + ClusterReport.END + "\n\n## after\n";
		assertThat(ClusterReport.withSection(before, SECTION)).isEqualTo("# b\n\n" + SECTION + "\n## after\n");
	}

	@Test
	void sectionIsFoundForTheFullReportToKeep() {
		assertThat(ClusterReport.section("# b\n\n" + SECTION + "tail\n")).isEqualTo(SECTION);
		assertThat(ClusterReport.section("# b\n")).isEmpty();
	}

}
