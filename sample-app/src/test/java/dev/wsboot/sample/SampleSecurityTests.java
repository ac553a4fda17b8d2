package dev.wsboot.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's login and its protected endpoint {@code /secure}, as the README promises them:
 * {@code user} / {@code password} by HTTP Basic or the form, the ticket endpoint, 401 without
 * credentials and on a ticket's second use, and the principal's name in the replies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.port=0")
class SampleSecurityTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalWsPort
	int wsPort;

	@LocalServerPort
	int webPort;

	private final HttpClient http = HttpClient.newHttpClient();

	private URI web(String path) {
		return URI.create("http://127.0.0.1:" + this.webPort + path);
	}

	private HttpResponse<String> postTicket(HttpClient client, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(web("/ws-ticket")).POST(HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String ticketOf(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body()).get("ticket").asString();
	}

	@Test
	void ticketEndpointAnswersHttpBasicWithoutACsrfToken() throws Exception {
		HttpResponse<String> response = postTicket(this.http, basic("user", "password"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = JsonMapper.builder().build().readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("ticket", "expiresInSeconds");
		assertThat(body.get("expiresInSeconds").asInt()).isEqualTo(30);
	}

	@Test
	void ticketEndpointRefusesAVisitorWhoIsNotLoggedInAndAWrongPassword() throws Exception {
		assertThat(postTicket(this.http, null).statusCode()).isEqualTo(401);
		assertThat(postTicket(this.http, basic("user", "wrong")).statusCode()).isEqualTo(401);
	}

	@Test
	void secureRefusesAHandshakeWithoutCredentialsWith401() {
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure")).isEqualTo(401);
	}

	@Test
	void secureTakesATicketOnceAndAnswersWithThePrincipalsName() throws Exception {
		String ticket = ticketOf(postTicket(this.http, basic("user", "password")));
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/secure?ticket=" + ticket)) {
			assertThat(client.sendText("hello").nextText()).isEqualTo("user: hello");
			assertThat(client.sendText("again").nextText()).isEqualTo("user: again");
		}
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/secure?ticket=" + ticket)).isEqualTo(401);
	}

	@Test
	void formLoginSessionGetsATicketToo() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String page = browser.send(HttpRequest.newBuilder(web("/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = CSRF.matcher(page);
		assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
		String form = "username=user&password=password&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(web("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
		String ticket = ticketOf(postTicket(browser, null));
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/secure?ticket=" + ticket)) {
			assertThat(client.sendText("from the form").nextText()).isEqualTo("user: from the form");
		}
	}

}
