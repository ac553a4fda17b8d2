package dev.wsboot.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ws.security.*}: which endpoint paths need which authorities, and how handshakes carry
 * credentials. Active with Spring Security on the classpath.
 */
@ConfigurationProperties("ws.security")
public class WsSecurityProperties {

	/**
	 * Rules for the handshakes of endpoint paths, the first whose pattern matches deciding; a path
	 * that no rule matches is open to every client.
	 */
	private List<PathRule> paths = new ArrayList<>();

	private final Ticket ticket = new Ticket();

	private final Bearer bearer = new Bearer();

	private final SessionCookie session = new SessionCookie();

	public List<PathRule> getPaths() {
		return this.paths;
	}

	public void setPaths(List<PathRule> paths) {
		this.paths = paths;
	}

	public Ticket getTicket() {
		return this.ticket;
	}

	public Bearer getBearer() {
		return this.bearer;
	}

	public SessionCookie getSession() {
		return this.session;
	}

	public static class PathRule {

		/** Ant-style pattern of endpoint paths, such as /secure/**. */
		private @Nullable String pattern;

		/**
		 * Authorities of which the client needs at least one, such as ROLE_USER or SCOPE_chat;
		 * empty for any authenticated client.
		 */
		private List<String> authorities = new ArrayList<>();

		public @Nullable String getPattern() {
			return this.pattern;
		}

		public void setPattern(@Nullable String pattern) {
			this.pattern = pattern;
		}

		public List<String> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(List<String> authorities) {
			this.authorities = authorities;
		}

	}

	public static class Ticket {

		/**
		 * Whether the web application serves the ticket endpoint and handshakes accept tickets.
		 */
		private boolean enabled = true;

		/** Path of the web application's endpoint that issues tickets to authenticated users (POST). */
		private String path = "/ws-ticket";

		/** Query parameter of the handshake that carries the ticket. */
		private String parameter = "ticket";

		/** How long a ticket can be redeemed after it was issued. */
		private Duration timeToLive = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public String getParameter() {
			return this.parameter;
		}

		public void setParameter(String parameter) {
			this.parameter = parameter;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

	public static class Bearer {

		/**
		 * Prefix of the subprotocol in which browsers offer a bearer token, followed by the token
		 * in base64url without padding; the client offers the endpoint's own subprotocol beside it.
		 */
		private String subprotocolPrefix = "base64url.bearer.";

		public String getSubprotocolPrefix() {
			return this.subprotocolPrefix;
		}

		public void setSubprotocolPrefix(String subprotocolPrefix) {
			this.subprotocolPrefix = subprotocolPrefix;
		}

	}

	public static class SessionCookie {

		/**
		 * Whether a handshake may be authenticated by the web application's Spring Session cookie,
		 * where the application has a SessionRepository bean.
		 */
		private boolean enabled = true;

		/** Name of the session cookie, as the application's Spring Session writes it. */
		private String cookieName = "SESSION";

		/** Whether the cookie holds the session id in Base64, as Spring Session writes it by default. */
		private boolean base64 = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getCookieName() {
			return this.cookieName;
		}

		public void setCookieName(String cookieName) {
			this.cookieName = cookieName;
		}

		public boolean isBase64() {
			return this.base64;
		}

		public void setBase64(boolean base64) {
			this.base64 = base64;
		}

	}

}
