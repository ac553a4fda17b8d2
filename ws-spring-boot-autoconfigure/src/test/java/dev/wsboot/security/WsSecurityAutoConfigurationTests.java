package dev.wsboot.security;

import java.time.Duration;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * What the security auto-configuration creates, and when it backs off.
 */
class WsSecurityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsSecurityAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	@Test
	void whenSpringSecurityIsAbsentThenNothingOfItIsCreated() {
		this.runner.withClassLoader(new FilteredClassLoader(Authentication.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WsSecurityInterceptor.class)
				.doesNotHaveBean(WsTicketStore.class)
				.doesNotHaveBean("wsSecurityContextDecorator"));
	}

	@Test
	void whenSpringSecurityIsPresentThenTheTicketAuthenticatesAndNoBearerTokenWithoutAVerifier() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WsSecurityInterceptor.class).hasSingleBean(InMemoryWsTicketStore.class);
			assertThat(context.getBeansOfType(WsHandshakeAuthenticator.class)).containsOnlyKeys("wsTicketAuthenticator");
			assertThat(context.getBean(WsTicketStore.class).timeToLive()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void whenTicketsAreDisabledThenNoTicketStoreOrAuthenticatorIsCreated() {
		this.runner.withPropertyValues("ws.security.ticket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsTicketStore.class)
				.doesNotHaveBean("wsTicketAuthenticator"));
	}

	@Test
	void whenAJwtDecoderIsDefinedThenBearerTokensAreChecked() {
		this.runner.withBean(JwtDecoder.class, () -> mock(JwtDecoder.class))
			.run((context) -> assertThat(context).hasBean("wsBearerTokenAuthenticator"));
	}

	@Test
	void whenAnOpaqueTokenIntrospectorIsDefinedThenBearerTokensAreChecked() {
		this.runner.withBean(OpaqueTokenIntrospector.class, () -> mock(OpaqueTokenIntrospector.class))
			.run((context) -> assertThat(context).hasBean("wsBearerTokenAuthenticator"));
	}

	@Test
	void whenOnlyAnAuthenticationManagerIsDefinedThenItChecksBearerTokens() {
		this.runner.withBean(AuthenticationManager.class, () -> (authentication) -> authentication)
			.run((context) -> assertThat(context).hasBean("wsBearerTokenAuthenticator"));
	}

	@Test
	void whenTheResourceServerIsAbsentThenNoBearerTokenAuthenticatorIsCreated() {
		this.runner.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationToken.class))
			.withBean(AuthenticationManager.class, () -> (authentication) -> authentication)
			.run((context) -> assertThat(context).hasSingleBean(WsSecurityInterceptor.class)
				.doesNotHaveBean("wsBearerTokenAuthenticator"));
	}

	@Test
	void whenAPathPatternDoesNotStartWithASlashThenStartupFailsNamingTheProperty() {
		this.runner.withPropertyValues("ws.security.paths[0].pattern=secure/**")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("ws.security.paths[0].pattern"));
	}

}
