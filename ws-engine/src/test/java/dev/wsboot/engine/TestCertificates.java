package dev.wsboot.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made at test time with the JDK's keytool, for 127.0.0.1 and localhost,
 * and the SSL contexts of a server holding one and of a client trusting it.
 */
public final class TestCertificates {

	public static final String PASSWORD = "changeit";

	private TestCertificates() {
	}

	/** Writes a PKCS12 key store with an EC key pair and a self-signed certificate for this name. */
	public static Path keyStore(Path directory, String commonName) throws IOException, InterruptedException {
		Path file = directory.resolve(commonName + "-" + System.nanoTime() + ".p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
				"-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-ext",
				"SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		return file;
	}

	public static KeyStore load(Path keyStore) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	/** A server context presenting the key store's certificate. */
	public static SSLContext serverContext(Path keyStore) throws IOException, GeneralSecurityException {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(load(keyStore), PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	/** A client context trusting the certificates of these key stores and no other. */
	public static SSLContext clientContext(Path... keyStores) throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		for (Path keyStore : keyStores) {
			trusted.setCertificateEntry(keyStore.getFileName().toString(), load(keyStore).getCertificate("server"));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
