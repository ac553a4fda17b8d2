package dev.wsboot.test.autoconfigure.example;

import org.springframework.stereotype.Service;

/** A service: a slice leaves it out, so a test of {@link GreetingController} provides it. */
@Service
public class GreetingService {

	public String greet(String name) {
		return "Hello, " + name;
	}

}
