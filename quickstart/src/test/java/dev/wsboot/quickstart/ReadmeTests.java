package dev.wsboot.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README cannot go stale: every code sample marked with a snippet comment is the text of a
 * file (or a tagged region of one) that is compiled and run by the tests, and every {@code ws.*}
 * property of the configuration metadata is documented.
 */
class ReadmeTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern SNIPPET = Pattern
		.compile("<!-- snippet: ([^#\\s]+)(?:#(\\w+))? -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);

	@Test
	void everyMarkedSnippetMatchesTheSourceItComesFrom() throws IOException {
		String readme = Files.readString(ROOT.resolve("README.md"));
		Matcher matcher = SNIPPET.matcher(readme);
		int count = 0;
		while (matcher.find()) {
			String expected = source(matcher.group(1), matcher.group(2));
			assertThat(normalize(matcher.group(3))).as("README snippet of %s#%s", matcher.group(1), matcher.group(2))
				.isEqualTo(expected);
			count++;
		}
		assertThat(count).as("snippets found in the README").isGreaterThanOrEqualTo(5);
	}

	@Test
	void everyPropertyIsDocumented() throws IOException {
		String readme = Files.readString(ROOT.resolve("README.md"));
		List<String> missing = new ArrayList<>();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode properties = JsonMapper.builder().build().readTree(metadata).get("properties");
			for (JsonNode property : properties) {
				String name = property.get("name").asString();
				if (name.startsWith("ws.") && !readme.contains("`" + name + "`")) {
					missing.add(name);
				}
			}
		}
		assertThat(missing).as("ws.* properties missing from the README").isEmpty();
	}

	private static String source(String file, String tag) throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve(file));
		if (tag != null) {
			int start = indexOf(lines, "tag::" + tag + "[]", 0);
			int end = indexOf(lines, "end::" + tag + "[]", start);
			lines = lines.subList(start + 1, end);
		}
		return normalize(String.join("\n", dedent(lines)));
	}

	private static int indexOf(List<String> lines, String marker, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).contains(marker)) {
				return i;
			}
		}
		throw new AssertionError("No " + marker + " marker");
	}

	private static List<String> dedent(List<String> lines) {
		int indent = lines.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return lines.stream().map((line) -> line.isBlank() ? "" : line.substring(indent)).toList();
	}

	private static String normalize(String text) {
		return text.strip().replaceAll("[ \\t]+\\n", "\n");
	}

}
