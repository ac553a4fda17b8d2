package dev.wsboot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of {@code @WsController}s alone: starts the WebSocket server on a free port with only
 * the WebSocket layer's auto-configuration ({@link AutoConfigureWs}) and, of the application's
 * components, the controllers named here (all of them when none are named) and the beans that
 * shape the WebSocket layer: argument resolvers, return value handlers, message converters,
 * handshake interceptors, session listeners and server customizers. Other beans (services,
 * repositories) are not created; provide them with {@code @MockitoBean} or {@code @Import}. Built
 * as Boot's own slices are ({@code @DataRedisTest}, {@code @WebMvcTest}).
 *
 * <p>Injects a {@link dev.wsboot.test.WsTestClient} pointed at the server
 * ({@link AutoConfigureWsTestClient}) and sets {@code ws.port=0}; {@link #properties()} may
 * override it.
 *
 * <pre>{@code
 * @WsTest(ChatController.class)
 * class ChatControllerTests {
 *     @Autowired WsTestClient client;
 *
 *     @Test
 *     void answers() {
 *         client.connect("/chat").send("hi").expectText("You said: hi");
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(WsTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(WsTypeExcludeFilter.class)
@AutoConfigureWs
@AutoConfigureWsTestClient
@ImportAutoConfiguration
public @interface WsTest {

	/**
	 * The controllers to test; the same as {@link #controllers()}.
	 * @return the controllers to test
	 */
	@AliasFor("controllers")
	Class<?>[] value() default {};

	/**
	 * The {@code @WsController} classes to test. When empty, every {@code @WsController} the
	 * component scan finds is included.
	 * @return the controllers to test
	 */
	@AliasFor("value")
	Class<?>[] controllers() default {};

	/**
	 * Properties in the form {@literal key=value} added to the environment before the test runs,
	 * after {@code ws.port=0}.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * Whether the default filters apply: when false, only {@link #includeFilters()} choose the
	 * components.
	 * @return whether the default filters apply
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Filters that add components the default filters leave out.
	 * @return include filters to apply
	 */
	Filter[] includeFilters() default {};

	/**
	 * Filters that leave out components the default filters include.
	 * @return exclude filters to apply
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configurations not to apply in this test.
	 * @return auto-configuration exclusions to apply
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
