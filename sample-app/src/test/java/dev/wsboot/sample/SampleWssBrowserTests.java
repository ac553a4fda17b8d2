package dev.wsboot.sample;

import java.nio.file.Path;
import java.time.Duration;

import dev.wsboot.context.LocalWsPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample over wss:// by one property ({@code ws.ssl.bundle=sample-wss}, its self-signed
 * bundle): Chromium's own WebSocket connects over TLS, negotiates compression, and chats.
 */
@EnabledIf(value = "dev.wsboot.sample.SystemChromium#isInstalledOrOnCi",
		disabledReason = "Browser test skipped: " + SystemChromium.MISSING + " (with CI=true it fails instead)")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.port=0", "ws.ssl.bundle=sample-wss", "spring.application.name=sample-wss-browser-test",
				"logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error",
				"logging.level.org.openqa.selenium.chromium.ChromiumDriver=error" })
class SampleWssBrowserTests {

	@LocalServerPort
	int httpPort;

	@LocalWsPort
	int wsPort;

	@TempDir
	Path profile;

	private WebDriver browser;

	@BeforeAll
	static void failOnCiWithoutChromium() {
		SystemChromium.failIfMissing();
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void pageChatsOverWssWithCompression() {
		this.browser = SystemChromium.start(this.profile, true);
		this.browser.get("http://localhost:" + this.httpPort + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.textToBe(By.id("state"), "open"));
		assertThat(this.browser.findElement(By.id("extensions")).getText()).contains("permessage-deflate");
		String scheme = (String) ((org.openqa.selenium.JavascriptExecutor) this.browser)
			.executeScript("return socket.url;");
		assertThat(scheme).isEqualTo("wss://localhost:" + this.wsPort + "/chat");
		WebElement input = this.browser.findElement(By.id("message"));
		input.sendKeys("over tls");
		this.browser.findElement(By.id("send")).click();
		wait.until((driver) -> driver.findElements(By.cssSelector("#messages li"))
			.stream()
			.anyMatch((message) -> message.getText().equals("You said: over tls")));
	}

}
