package dev.wsboot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * {@link ImportAutoConfiguration Auto-configuration imports} of the WebSocket layer alone: the
 * server, {@code @WsController} endpoints and {@code WsBroadcaster}, with the Jackson and SSL
 * bundle auto-configurations they use. Most tests should use {@link WsTest @WsTest} rather than
 * this annotation directly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureWs {

}
