package dev.wsboot.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The system's Chromium, driven through the system's chromedriver: never a downloaded browser.
 * Browser tests run where both are installed, and always on CI ({@code CI=true}), where their
 * absence fails the build instead of skipping it.
 */
final class SystemChromium {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final String MISSING = "/usr/bin/chromium or /usr/bin/chromedriver is missing; "
			+ "install them with 'apt-get install chromium chromium-driver'";

	private SystemChromium() {
	}

	/** For {@code @EnabledIf}: runs where the browser is installed, and always on CI. */
	static boolean isInstalledOrOnCi() {
		return isInstalled() || "true".equals(System.getenv("CI"));
	}

	/** For {@code @BeforeAll}: on CI, a missing browser is a failure. */
	static void failIfMissing() {
		if (!isInstalled()) {
			fail("CI=true and " + MISSING);
		}
	}

	private static boolean isInstalled() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	/**
	 * A headless browser with its own profile directory. The flags keep it off the network, which
	 * this machine does not have.
	 * @param trustAnyCertificate whether to accept self-signed certificates (for the sample's wss://)
	 */
	static WebDriver start(Path profile, boolean trustAnyCertificate) {
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath());
		if (trustAnyCertificate) {
			options.addArguments("--ignore-certificate-errors");
		}
		return new ChromeDriver(service, options);
	}

}
