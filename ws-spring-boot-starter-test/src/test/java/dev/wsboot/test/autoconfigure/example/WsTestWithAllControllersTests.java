package dev.wsboot.test.autoconfigure.example;

import dev.wsboot.test.WsTestClient;
import dev.wsboot.test.autoconfigure.WsTest;
import dev.wsboot.test.autoconfigure.AutoConfigureWsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * {@code @WsTest} naming no controller includes every one; a service a controller needs is
 * brought in by the test, as with Boot's {@code @WebMvcTest}.
 */
@WsTest(properties = { "ws.max-message-size=16B", "ws.max-frame-size=16B" })
@Import(GreetingService.class)
class WsTestWithAllControllersTests {

	@Autowired
	WsTestClient client;

	@Test
	void everyControllerIsServed() {
		this.client.connect("/greet").send("Ada").expectText("Hello, Ada");
		this.client.connect("/echo").send(new byte[] { 1, 2, 3 }).expectBinary(new byte[] { 1, 2, 3 });
	}

	@Test
	void theAnnotationsPropertiesApply() {
		this.client.connect("/echo").send("seventeen bytes!!").expectClose(1009);
	}

}
