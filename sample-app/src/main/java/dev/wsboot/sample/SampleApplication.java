package dev.wsboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A wsboot application: five WebSocket endpoints on {@code ws.port} ({@link EchoController},
 * {@link BroadcastController}, {@link ChatController}, {@link ReverseController}, and
 * {@link SecureController} for logged-in users) and, on {@code server.port}, a chat page, a login
 * ({@link SecurityConfiguration}), the ticket endpoint {@code POST /ws-ticket}, {@code /ws-info}
 * and the actuator.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
