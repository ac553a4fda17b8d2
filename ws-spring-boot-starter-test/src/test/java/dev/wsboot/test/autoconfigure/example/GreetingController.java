package dev.wsboot.test.autoconfigure.example;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;

@WsController("/greet")
public class GreetingController {

	private final GreetingService greetings;

	GreetingController(GreetingService greetings) {
		this.greetings = greetings;
	}

	@OnMessage
	String greet(String name) {
		return this.greetings.greet(name);
	}

}
