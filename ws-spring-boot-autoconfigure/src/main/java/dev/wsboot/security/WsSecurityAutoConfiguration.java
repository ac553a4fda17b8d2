package dev.wsboot.security;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.engine.WsHandshake;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.server.WsHandlerDecorator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * With Spring Security on the classpath: handshakes authenticated by a ticket and, with Spring
 * Security's resource server, by a bearer token checked by the application's {@link JwtDecoder},
 * {@link OpaqueTokenIntrospector} or {@link AuthenticationManager}; path rules from
 * {@code ws.security.paths} (or an {@code AuthorizationManager<WsHandshake>} bean); the security
 * context around handler calls; and the ticket endpoint on a servlet web application.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
		"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
		"org.springframework.boot.session.jdbc.autoconfigure.SessionJdbcAutoConfiguration" })
@ConditionalOnClass({ WsServer.class, Authentication.class })
@ConditionalOnProperty(prefix = "ws", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WsSecurityProperties.class)
public final class WsSecurityAutoConfiguration {

	private static final String BEARER_TOKEN = "org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken";

	@Bean
	@ConditionalOnMissingBean
	WsSecurityInterceptor wsSecurityInterceptor(ObjectProvider<WsHandshakeAuthenticator> authenticators,
			ObjectProvider<AuthorizationManager<WsHandshake>> authorization, WsSecurityProperties properties) {
		return new WsSecurityInterceptor(authenticators.orderedStream().toList(),
				authorization.getIfAvailable(() -> pathRules(properties)));
	}

	private static AuthorizationManager<WsHandshake> pathRules(WsSecurityProperties properties) {
		List<PathAuthorizationManager.Rule> rules = new ArrayList<>();
		List<WsSecurityProperties.PathRule> paths = properties.getPaths();
		for (int i = 0; i < paths.size(); i++) {
			String pattern = paths.get(i).getPattern();
			if (pattern == null || !pattern.startsWith("/")) {
				throw new InvalidConfigurationPropertyValueException("ws.security.paths[" + i + "].pattern", pattern,
						"A path pattern starts with '/', such as /secure/**");
			}
			rules.add(PathAuthorizationManager.Rule.of(pattern, paths.get(i).getAuthorities()));
		}
		return new PathAuthorizationManager(rules);
	}

	@Bean
	static WsHandlerDecorator wsSecurityContextDecorator(ObjectProvider<SecurityContextHolderStrategy> strategy) {
		return (endpoint) -> new SecurityContextWsHandler(endpoint.handler(),
				strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "ws.security.ticket.enabled", matchIfMissing = true)
	static class TicketConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WsTicketStore wsTicketStore(WsSecurityProperties properties) {
			return new InMemoryWsTicketStore(properties.getTicket().getTimeToLive());
		}

		@Bean
		@Order(WsHandshakeAuthenticator.TICKET_ORDER)
		WsHandshakeAuthenticator wsTicketAuthenticator(WsTicketStore tickets, WsSecurityProperties properties) {
			return new TicketAuthenticator(tickets, properties.getTicket().getParameter());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnClass(RouterFunction.class)
		static class TicketEndpointConfiguration {

			@Bean
			RouterFunction<ServerResponse> wsTicketRouterFunction(WsTicketStore tickets,
					WsSecurityProperties properties) {
				return RouterFunctions.route()
					.POST(properties.getTicket().getPath(), new WsTicketEndpoint(tickets))
					.build();
			}

		}

	}

	/**
	 * The web application's own login, where it keeps its sessions in Spring Session: the
	 * session cookie browsers send to this port too, looked up in the application's repository.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.session.SessionRepository")
	@ConditionalOnBean(type = "org.springframework.session.SessionRepository")
	@ConditionalOnBooleanProperty(name = "ws.security.session.enabled", matchIfMissing = true)
	static class SessionCookieConfiguration {

		private static final Log logger = LogFactory.getLog(SessionCookieConfiguration.class);

		@Bean
		@Order(WsHandshakeAuthenticator.SESSION_COOKIE_ORDER)
		WsHandshakeAuthenticator wsSessionCookieAuthenticator(
				org.springframework.session.SessionRepository<? extends org.springframework.session.Session> sessions,
				WsSecurityProperties properties, ObjectProvider<WsServerConfig> config) {
			WsServerConfig server = config.getIfAvailable();
			if (server != null && server.network().allowedOrigins().contains("*")) {
				logger.warn("ws.allowed-origins is '*' while handshakes are authenticated by the Spring Session cookie: "
						+ "a page of any site can open a socket as a logged-in user (cross-site WebSocket hijacking). "
						+ "List the application's own origins in ws.allowed-origins, or set ws.security.session.enabled=false");
			}
			WsSecurityProperties.SessionCookie cookie = properties.getSession();
			return new SessionCookieAuthenticator(sessions, cookie.getCookieName(), cookie.isBase64());
		}

	}

	/** Tokens through the application's JwtDecoder, as Boot's resource server configures it. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { BEARER_TOKEN, "org.springframework.security.oauth2.jwt.JwtDecoder" })
	@ConditionalOnBean(type = "org.springframework.security.oauth2.jwt.JwtDecoder")
	static class JwtConfiguration {

		@Bean
		@Order(WsHandshakeAuthenticator.BEARER_TOKEN_ORDER)
		WsHandshakeAuthenticator wsBearerTokenAuthenticator(JwtDecoder decoder,
				ObjectProvider<JwtAuthenticationConverter> converter, WsSecurityProperties properties) {
			JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
			converter.ifAvailable(provider::setJwtAuthenticationConverter);
			return new BearerTokenAuthenticator(new ProviderManager(provider),
					properties.getBearer().getSubprotocolPrefix());
		}

	}

	/** Opaque tokens through the application's OpaqueTokenIntrospector, when there is no JwtDecoder. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = BEARER_TOKEN)
	@ConditionalOnBean(type = "org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector")
	@ConditionalOnMissingBean(type = "org.springframework.security.oauth2.jwt.JwtDecoder")
	static class OpaqueTokenConfiguration {

		@Bean
		@Order(WsHandshakeAuthenticator.BEARER_TOKEN_ORDER)
		WsHandshakeAuthenticator wsBearerTokenAuthenticator(OpaqueTokenIntrospector introspector,
				WsSecurityProperties properties) {
			return new BearerTokenAuthenticator(new ProviderManager(new OpaqueTokenAuthenticationProvider(introspector)),
					properties.getBearer().getSubprotocolPrefix());
		}

	}

	/**
	 * Tokens through the application's own AuthenticationManager, which authenticates
	 * BearerTokenAuthenticationTokens, when there is neither a JwtDecoder nor an introspector.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = BEARER_TOKEN)
	@ConditionalOnBean(AuthenticationManager.class)
	@ConditionalOnMissingBean(type = { "org.springframework.security.oauth2.jwt.JwtDecoder",
			"org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector" })
	static class AuthenticationManagerConfiguration {

		@Bean
		@Order(WsHandshakeAuthenticator.BEARER_TOKEN_ORDER)
		WsHandshakeAuthenticator wsBearerTokenAuthenticator(AuthenticationManager manager,
				WsSecurityProperties properties) {
			return new BearerTokenAuthenticator(manager, properties.getBearer().getSubprotocolPrefix());
		}

	}

}
