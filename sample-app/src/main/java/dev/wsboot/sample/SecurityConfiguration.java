package dev.wsboot.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The web port's login, fixed so that anyone can try the protected endpoint: one in-memory user
 * {@code user} / {@code password} (ROLE_USER), by HTTP Basic or the form at {@code /login}. Every
 * page stays open, as without Spring Security: the page, {@code /ws-info} and the actuator. Only
 * {@code POST /ws-ticket} (the starter's) answers 401 to a visitor who is not logged in, and it
 * needs no CSRF token: a cross-site request could mint a ticket but never read it (the
 * browser's same-origin policy), so a forged request gains nothing.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/ws-ticket"))
			.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(User.withUsername("user").password("{noop}password").roles("USER").build());
	}

}
