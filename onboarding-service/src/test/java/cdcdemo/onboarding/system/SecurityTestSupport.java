package cdcdemo.onboarding.system;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Brings the real security configuration (public pages, CSRF on) into web slice tests.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class SecurityTestSupport {

}
