package dev.wsboot.test.autoconfigure.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the slice tests find by scanning upwards: two controllers, a service one of them
 * needs, an argument resolver, and a plain component that a slice must leave out.
 */
@SpringBootApplication
public class ExampleWsApplication {

}
