package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.WsHandshake;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.engine.internal.protocol.HttpRequest;
import org.jspecify.annotations.Nullable;

/**
 * One upgrade request being decided: the request, the endpoint's subprotocol choice, and what
 * interceptors decided.
 */
final class HandshakeContext implements WsHandshake {

	private final HttpRequest request;

	private final InetSocketAddress remoteAddress;

	private final List<String> requestedSubprotocols;

	/** Made when first asked for: most sessions never keep attributes, and idle ones are many. */
	private volatile @Nullable Map<String, Object> attributes;

	private Map<String, List<String>> queryParameters;

	private String subprotocol;

	/** Written by the interceptors' thread; read by the session's threads after the decision completed. */
	private volatile @Nullable Principal principal;

	private int rejectStatus;

	private String rejectReason;

	/** @param subprotocol the endpoint's choice among the offered subprotocols, null for none */
	HandshakeContext(HttpRequest request, InetSocketAddress remoteAddress, List<String> requestedSubprotocols,
			String subprotocol) {
		this.request = request;
		this.remoteAddress = remoteAddress;
		this.requestedSubprotocols = requestedSubprotocols;
		this.subprotocol = subprotocol;
	}

	HttpRequest request() {
		return this.request;
	}

	@Override
	public String path() {
		return this.request.path();
	}

	@Override
	public Map<String, List<String>> headers() {
		return this.request.headers();
	}

	@Override
	public String header(String name) {
		return this.request.header(name);
	}

	@Override
	public Map<String, List<String>> queryParameters() {
		if (this.queryParameters == null) {
			this.queryParameters = RequestValues.queryParameters(this.request.rawQuery());
		}
		return this.queryParameters;
	}

	@Override
	public Map<String, String> cookies() {
		return RequestValues.cookies(this.request.headers().get("cookie"));
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public List<String> requestedSubprotocols() {
		return this.requestedSubprotocols;
	}

	@Override
	public String subprotocol() {
		return this.subprotocol;
	}

	@Override
	public void selectSubprotocol(String subprotocol) {
		if (subprotocol != null && !this.requestedSubprotocols.contains(subprotocol)) {
			throw new IllegalArgumentException("The client did not offer subprotocol '" + subprotocol
					+ "'; it offered " + this.requestedSubprotocols);
		}
		this.subprotocol = subprotocol;
	}

	@Override
	public Map<String, Object> attributes() {
		Map<String, Object> attributes = this.attributes;
		if (attributes == null) {
			synchronized (this) {
				attributes = this.attributes;
				if (attributes == null) {
					attributes = new ConcurrentHashMap<>();
					this.attributes = attributes;
				}
			}
		}
		return attributes;
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public void setPrincipal(@Nullable Principal principal) {
		this.principal = principal;
	}

	@Override
	public void reject(int status, String reason) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("A rejection needs an HTTP status from 400 to 599, not " + status);
		}
		this.rejectStatus = status;
		this.rejectReason = (reason != null) ? reason : "";
	}

	@Override
	public boolean isRejected() {
		return this.rejectStatus != 0;
	}

	int rejectStatus() {
		return this.rejectStatus;
	}

	String rejectReason() {
		return this.rejectReason;
	}

}
