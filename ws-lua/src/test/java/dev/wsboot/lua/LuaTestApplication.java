package dev.wsboot.lua;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application of Lua endpoints only, with the auto-configuration a user gets. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LuaTestApplication {

}
