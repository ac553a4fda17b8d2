package dev.wsboot.autoconfigure;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;

import dev.wsboot.engine.TlsSettings;
import dev.wsboot.engine.WsServer;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The TLS settings of the SSL bundle named by {@code ws.ssl.bundle}, kept current: when a
 * reloadable bundle changes, the running server gets the new settings for its next connections,
 * as Boot's web servers do with {@code server.ssl.bundle}.
 */
final class WsSslBundle {

	static final String PROPERTY = "ws.ssl.bundle";

	private static final System.Logger logger = System.getLogger(WsSslBundle.class.getName());

	private final String name;

	private volatile TlsSettings current;

	private volatile Consumer<TlsSettings> updates;

	private WsSslBundle(String name, SslBundle bundle) {
		this.name = name;
		this.current = tlsSettings(bundle);
	}

	/**
	 * @throws InvalidConfigurationPropertyValueException naming {@value #PROPERTY} when no bundle
	 * has the name, or when no {@link SslBundles} exist
	 */
	static WsSslBundle of(SslBundles bundles, String name) {
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, name,
					"No SSL bundles are configured (spring.ssl.bundle.*, SslAutoConfiguration)");
		}
		WsSslBundle tls;
		try {
			tls = new WsSslBundle(name, bundles.getBundle(name));
			bundles.addBundleUpdateHandler(name, tls::reloaded);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, name,
					"No SSL bundle with this name is defined under spring.ssl.bundle");
		}
		return tls;
	}

	/** Maps a bundle to the engine: its context, and its protocols and ciphers when it names any. */
	static TlsSettings tlsSettings(SslBundle bundle) {
		SslOptions options = bundle.getOptions();
		return new TlsSettings(bundle.createSslContext(), list(options.getEnabledProtocols()), list(options.getCiphers()));
	}

	private static List<String> list(String[] values) {
		return (values != null) ? List.of(values) : List.of();
	}

	TlsSettings current() {
		return this.current;
	}

	/** Sends later reloads to this server; called once it is built. */
	void bind(WsServer server) {
		this.updates = server::updateTls;
	}

	/** Runs on Boot's file watcher thread; {@link WsServer#updateTls} is safe from any thread. */
	private void reloaded(SslBundle bundle) {
		TlsSettings settings = tlsSettings(bundle);
		this.current = settings;
		logger.log(Level.INFO, () -> "SSL bundle '" + this.name + "' reloaded; new WebSocket connections use it");
		Consumer<TlsSettings> updates = this.updates;
		if (updates != null) {
			updates.accept(settings);
		}
	}

}
