package dev.wsboot.engine.internal.session;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Origin check without sockets: the same-host rule against every form a Host header takes
 * (RFC 9110 §7.2: a name, IPv4 or bracketed IPv6, with or without a port), and configured patterns.
 */
class OriginMatcherTests {

	private final OriginMatcher sameHost = new OriginMatcher(List.of());

	@ParameterizedTest(name = "Origin {0} is the same host as Host {1}")
	@CsvSource(delimiter = '|', value = { "http://127.0.0.1:8080|127.0.0.1:8085", "http://127.0.0.1|127.0.0.1",
			"https://localhost|localhost:8085", "http://localhost:3000|localhost", "http://LocalHost:3000|LOCALHOST:8085",
			"https://app.example.com|App.Example.COM", "http://[::1]:8080|[::1]:8085", "http://[::1]|[::1]",
			"http://[2001:DB8::1]:8080|[2001:db8::1]", "http://web_app:8080|web_app:8085", "http://my-host_1|my-host_1",
			"http://127.0.0.1:8080| 127.0.0.1:8085 " })
	void sameHostOnAnyPortIsAllowedByDefault(String origin, String host) {
		assertThat(this.sameHost.allows(origin, host)).isTrue();
	}

	@ParameterizedTest(name = "Origin {0} is not the same host as Host {1}")
	@CsvSource(delimiter = '|', value = { "http://evil.example|127.0.0.1:8085", "http://127.0.0.2:8080|127.0.0.1:8085",
			"http://localhost|127.0.0.1", "http://app.example.com.evil.example|app.example.com",
			"http://example.com|app.example.com", "http://[::2]:8080|[::1]:8085", "http://[::1]|::1",
			"http://127.0.0.1@evil.example|127.0.0.1", "http://evil.example@127.0.0.1|127.0.0.1", "null|127.0.0.1:8085",
			"garbage|garbage", "http://exa mple.com|exa mple.com", "http://|127.0.0.1", "//127.0.0.1|127.0.0.1" })
	void anotherHostTheOpaqueOriginAndMalformedOriginsAreRefusedByDefault(String origin, String host) {
		assertThat(this.sameHost.allows(origin, host)).isFalse();
	}

	@Test
	void anOriginIsRefusedByDefaultWhenTheRequestHasNoHost() {
		assertThat(this.sameHost.allows("http://127.0.0.1", null)).isFalse();
	}

	@Test
	void aStarAloneAllowsEveryOriginWhateverTheHost() {
		OriginMatcher any = new OriginMatcher(List.of("*"));
		assertThat(any.allows("https://evil.example", "127.0.0.1")).isTrue();
		assertThat(any.allows("null", null)).isTrue();
	}

	@Test
	void configuredOriginsMatchExactlyOrByPatternIgnoringCaseAndReplaceTheSameHostRule() {
		OriginMatcher listed = new OriginMatcher(List.of("https://example.com", "https://*.example.org"));
		assertThat(listed.allows("https://example.com", "127.0.0.1")).isTrue();
		assertThat(listed.allows("HTTPS://Example.COM", "127.0.0.1")).isTrue();
		assertThat(listed.allows("https://a.b.example.org", "127.0.0.1")).isTrue();
		assertThat(listed.allows("https://example.com.evil.example", "127.0.0.1")).isFalse();
		assertThat(listed.allows("http://example.com", "127.0.0.1")).isFalse();
		assertThat(listed.allows("http://127.0.0.1:8080", "127.0.0.1:8085")).isFalse();
	}

}
