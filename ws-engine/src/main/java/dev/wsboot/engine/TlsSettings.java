package dev.wsboot.engine;

import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How a server speaks TLS (wss://, RFC 6455 §3): the {@link SSLContext} holding its key and
 * certificate, and optionally the protocols and cipher suites to enable instead of the context's
 * defaults. Immutable; the values are checked against the context when built, so a name the JDK
 * does not know fails here rather than on the first client.
 *
 * @param context the server's key material and trust
 * @param protocols protocols to enable, such as {@code TLSv1.3}; empty for the context's defaults
 * @param cipherSuites cipher suites to enable; empty for the context's defaults
 */
public record TlsSettings(SSLContext context, List<String> protocols, List<String> cipherSuites) {

	public TlsSettings {
		Objects.requireNonNull(context, "context must not be null");
		protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols must not be null"));
		cipherSuites = List.copyOf(Objects.requireNonNull(cipherSuites, "cipherSuites must not be null"));
		engine(context, protocols, cipherSuites);
	}

	/** The context's own protocols and cipher suites. */
	public static TlsSettings of(SSLContext context) {
		return new TlsSettings(context, List.of(), List.of());
	}

	/**
	 * A server-mode engine for one connection.
	 * @throws IllegalArgumentException if a protocol or cipher suite is not supported
	 */
	SSLEngine createEngine() {
		return engine(this.context, this.protocols, this.cipherSuites);
	}

	private static SSLEngine engine(SSLContext context, List<String> protocols, List<String> cipherSuites) {
		SSLEngine engine = context.createSSLEngine();
		engine.setUseClientMode(false);
		SSLParameters parameters = engine.getSSLParameters();
		if (!protocols.isEmpty()) {
			parameters.setProtocols(protocols.toArray(String[]::new));
		}
		if (!cipherSuites.isEmpty()) {
			parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
		}
		engine.setSSLParameters(parameters);
		return engine;
	}

	/** The largest TLS record the engines may send or receive, for sizing the loops' buffers. */
	int packetBufferSize() {
		return createEngine().getSession().getPacketBufferSize();
	}

}
