package dev.wsboot.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wsboot.annotation.OnConnect;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.DelegatingFilterProxy;

/**
 * A web application with a login (HTTP Basic: {@code user}/{@code password} with ROLE_USER,
 * {@code guest}/{@code password} with ROLE_GUEST), JWTs signed by a key made for the test, and
 * WebSocket endpoints behind {@code ws.security.paths}: {@code /secure/**} for ROLE_USER or
 * SCOPE_chat, {@code /admin/**} for ROLE_ADMIN, {@code /open} for everyone. One handler thread, so
 * that a call after another shows whether the security context was cleared.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSecurity
@Import({ SecurityTestApplication.EchoController.class, SecurityTestApplication.ChatController.class,
		SecurityTestApplication.AdminController.class, SecurityTestApplication.OpenController.class })
class SecurityTestApplication {

	static final KeyPair KEYS = rsaKeys();

	/** The tickets' clock: a test moves it past the time to live instead of waiting. */
	static final MutableClock CLOCK = new MutableClock();

	@Bean
	SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/ws-ticket"))
			.build();
	}

	/** What Boot's SecurityFilterAutoConfiguration would do; its module is kept off this classpath. */
	@Bean
	FilterRegistrationBean<DelegatingFilterProxy> securityFilterChainRegistration() {
		return new FilterRegistrationBean<>(new DelegatingFilterProxy("springSecurityFilterChain"));
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("user").password("{noop}password").roles("USER").build(),
				User.withUsername("guest").password("{noop}password").roles("GUEST").build());
	}

	@Bean
	JwtDecoder jwtDecoder() {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
	}

	@Bean
	WsTicketStore wsTicketStore() {
		return new InMemoryWsTicketStore(Duration.ofSeconds(30), CLOCK);
	}

	/** A JWT for this subject with these scopes, signed with the test key (or another key). */
	static String jwt(String subject, String scope, KeyPair keys, Instant expiresAt) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
				.claim("scope", scope)
				.issueTime(Date.from(Instant.now()))
				.expirationTime(Date.from(expiresAt))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
			jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyPair rsaKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The security context's user during a call, "none" when it holds no authentication. */
	static String contextUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "none";
	}

	/** Answers NAME: MESSAGE with the principal's name; says at connect whom the context holds. */
	@WsController("/secure/echo")
	static class EchoController {

		@OnConnect
		void connected(WsSession session, Authentication authentication) {
			session.sendText("connected " + authentication.getName() + " context=" + contextUser());
		}

		@OnMessage
		String said(Principal principal, String message) {
			return principal.getName() + ": " + message;
		}

	}

	/**
	 * Speaks the subprotocol chat, which a browser offers beside its bearer token; answers with the
	 * authorities (Spring Security 7 adds FACTOR_BEARER for a bearer token).
	 */
	@WsController(path = "/secure/chat", subprotocols = "chat")
	static class ChatController {

		@OnMessage
		String said(Authentication authentication, String message) {
			List<String> authorities = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.sorted()
				.toList();
			return authentication.getName() + " " + authorities + ": " + message;
		}

	}

	@WsController("/admin/console")
	static class AdminController {

		@OnMessage
		String said(Principal principal, String message) {
			return principal.getName() + ": " + message;
		}

	}

	/** Open to everyone: tells who the principal and the security context are. */
	@WsController("/open")
	static class OpenController {

		@OnMessage
		String said(@Nullable Principal principal, String message) {
			return ((principal != null) ? principal.getName() : "anonymous") + " context=" + contextUser();
		}

	}

	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.now();

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
