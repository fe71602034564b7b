package cdcdemo.users.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the users list pages.
 *
 * @param pageSize users per page when the address does not ask for another size
 * @param maxPageSize the largest {@code ?size=} honoured, so that one request cannot ask
 * for the whole table
 */
@ConfigurationProperties("users.list")
record UserListSettings(@DefaultValue("10") int pageSize, @DefaultValue("100") int maxPageSize) {

}
