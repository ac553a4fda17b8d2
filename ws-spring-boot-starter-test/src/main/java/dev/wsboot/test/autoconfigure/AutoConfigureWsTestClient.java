package dev.wsboot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.wsboot.test.WsTestClient;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Gives a test class a {@link WsTestClient} bean pointed at the WebSocket server the test's
 * application context started ({@code ws://127.0.0.1:${local.ws.port}}), as Boot's
 * {@code @AutoConfigureRestTestClient} does for the web server. {@link WsTest @WsTest} implies
 * it; add it to a {@code @SpringBootTest} (with {@code ws.port=0}).
 *
 * <p>The connections a test opens through the bean are closed after each test method, so a
 * context cached between test classes starts each test without the previous one's clients.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureWsTestClient {

}
