package dev.wsboot.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real browser: the system's Chromium, driven through the system's
 * chromedriver (never a downloaded browser). Skipped where either is missing, unless the
 * environment variable {@code CI} is {@code true}: there a missing browser fails the build.
 * The skip is a condition rather than an assumption so that it is reported, with its reason,
 * before any application context starts.
 *
 * <p>Its own application context (the extra property), so the connection count on the page
 * starts at zero.
 */
@EnabledIf(value = "dev.wsboot.sample.SystemChromium#isInstalledOrOnCi",
		disabledReason = "Browser test skipped: " + SystemChromium.MISSING + " (with CI=true it fails instead)")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.port=0", "spring.application.name=sample-browser-test",
				// Selenium warns that it has no DevTools (CDP) bindings for this Chromium; none are used.
				"logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error",
				"logging.level.org.openqa.selenium.chromium.ChromiumDriver=error" })
class SampleChatBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern JOINED = Pattern.compile("ClientID (\\d+) just joined the server");

	@LocalServerPort
	int httpPort;

	@TempDir
	Path profiles;

	private final List<WebDriver> browsers = new ArrayList<>();

	@BeforeAll
	static void failOnCiWithoutChromium() {
		SystemChromium.failIfMissing();
	}

	@AfterEach
	void quitBrowsers() {
		this.browsers.forEach(WebDriver::quit);
	}

	@Test
	void twoPagesChatWithEachOtherAndSeeTheConnectionCountChange() {
		WebDriver alice = openChat("alice");
		long aliceId = ownId(alice);
		awaitCount(alice, "1");

		WebDriver bob = openChat("bob");
		long bobId = ownId(bob);
		awaitMessage(alice, "ClientID " + bobId + " just joined the server");
		awaitCount(alice, "2");
		awaitCount(bob, "2");

		say(alice, "hello bob");
		awaitMessage(alice, "You said: hello bob");
		awaitMessage(bob, "ClientID " + aliceId + ": hello bob");
		say(bob, "hi alice");
		awaitMessage(bob, "You said: hi alice");
		awaitMessage(alice, "ClientID " + bobId + ": hi alice");

		join(alice, "java");
		join(bob, "java");
		awaitMessage(alice, "ClientID " + bobId + " joined room java");
		say(bob, "in java");
		awaitMessage(alice, "ClientID " + bobId + ": in java");

		bob.quit();
		this.browsers.remove(bob);
		awaitMessage(alice, "ClientID " + bobId + " left");
		awaitCount(alice, "1");
	}

	@Test
	void thePageTalksToTheLuaSeedScriptWhenLuaIsChosen() {
		WebDriver carol = openChat("carol");
		new Select(carol.findElement(By.id("endpoint"))).selectByValue("/lua");
		waitFor(carol).until(ExpectedConditions.textToBe(By.id("state"), "open"));
		assertThat(carol.findElement(By.id("room-form")).isDisplayed()).isFalse();
		long carolId = ownId(carol);
		say(carol, "hello lua");
		awaitMessage(carol, "You said: hello lua");
		WebDriver dave = openChat("dave");
		new Select(dave.findElement(By.id("endpoint"))).selectByValue("/lua");
		long daveId = ownId(dave);
		assertThat(daveId).isNotEqualTo(carolId);
		awaitMessage(carol, "ClientID " + daveId + " just joined the server");
	}

	private WebDriver openChat(String name) {
		WebDriver browser = SystemChromium.start(this.profiles.resolve(name), false);
		this.browsers.add(browser);
		browser.get("http://localhost:" + this.httpPort + "/");
		waitFor(browser).until(ExpectedConditions.textToBe(By.id("state"), "open"));
		// Chromium offers permessage-deflate and the sample enables compression.
		assertThat(browser.findElement(By.id("extensions")).getText()).contains("permessage-deflate");
		return browser;
	}

	/** The page's first join notice is its own (pages are opened one after the other). */
	private long ownId(WebDriver browser) {
		String notice = waitFor(browser).until((driver) -> messages(driver).stream()
			.filter((message) -> JOINED.matcher(message).matches())
			.findFirst()
			.orElse(null));
		Matcher matcher = JOINED.matcher(notice);
		assertThat(matcher.matches()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private void say(WebDriver browser, String text) {
		WebElement input = browser.findElement(By.id("message"));
		input.sendKeys(text);
		browser.findElement(By.id("send")).click();
	}

	private void join(WebDriver browser, String room) {
		WebElement input = browser.findElement(By.id("room"));
		input.clear();
		input.sendKeys(room);
		browser.findElement(By.id("join")).click();
		awaitMessage(browser, "You joined room " + room);
		waitFor(browser).until(ExpectedConditions.textToBe(By.id("current-room"), room));
	}

	private void awaitMessage(WebDriver browser, String text) {
		waitFor(browser).withMessage(() -> "message '" + text + "' among " + messages(browser))
			.until((driver) -> messages(driver).contains(text));
	}

	private void awaitCount(WebDriver browser, String count) {
		waitFor(browser).until(ExpectedConditions.textToBe(By.id("count"), count));
	}

	private static List<String> messages(WebDriver browser) {
		return browser.findElements(By.cssSelector("#messages li")).stream().map(WebElement::getText).toList();
	}

	private static WebDriverWait waitFor(WebDriver browser) {
		return new WebDriverWait(browser, TIMEOUT);
	}

}
