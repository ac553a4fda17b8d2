package dev.wsboot.test.autoconfigure;

import dev.wsboot.test.WsTestClient;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the connections opened through the context's {@link WsTestClient} beans after each test
 * method, so that a test never sees the clients of the one before it in a cached context (a chat
 * test counting who joined, a broadcast reaching a forgotten connection).
 */
public class WsTestClientCloseTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(WsTestClient.class).orderedStream().forEach(WsTestClient::close);
	}

}
