package cdcdemo.bridge.system;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Brings the bridge's real security configuration (CSRF on pages, the API's rules) into
 * web slice tests.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class SecurityTestSupport {

}
